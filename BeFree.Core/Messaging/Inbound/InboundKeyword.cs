namespace BeFree.Core.Messaging.Inbound;

public enum InboundKeyword
{
    None,
    /// <summary>STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT.</summary>
    OptOut,
    /// <summary>START, UNSTOP.</summary>
    OptIn,
    /// <summary>HELP, INFO.</summary>
    Help,
}

/// <summary>
/// The carrier keywords. Twilio does not handle them on a short code, so BeFree must. Only a
/// whole message counts ("stop" yes, "please stop calling me" no), case-insensitive, trimmed.
/// </summary>
public static class InboundKeywords
{
    private static readonly Dictionary<string, InboundKeyword> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STOP"] = InboundKeyword.OptOut,
        ["STOPALL"] = InboundKeyword.OptOut,
        ["UNSUBSCRIBE"] = InboundKeyword.OptOut,
        ["CANCEL"] = InboundKeyword.OptOut,
        ["END"] = InboundKeyword.OptOut,
        ["QUIT"] = InboundKeyword.OptOut,
        ["START"] = InboundKeyword.OptIn,
        ["UNSTOP"] = InboundKeyword.OptIn,
        ["HELP"] = InboundKeyword.Help,
        ["INFO"] = InboundKeyword.Help,
    };

    public static InboundKeyword Parse(string? body)
        => body is not null && Words.TryGetValue(body.Trim(), out var keyword) ? keyword : InboundKeyword.None;
}
