using System.Globalization;

namespace BeFree.Core.Messaging.Inbound;

public sealed record InboundMedia(int Index, string Url, string? ContentType);

/// <summary>One inbound text as Twilio posted it, already checked for shape and size.</summary>
public sealed record InboundSms(
    string MessageSid,
    string? AccountSid,
    string From,
    string To,
    string Body,
    IReadOnlyList<InboundMedia> Media,
    string? FromCity,
    string? FromState,
    string? FromZip,
    string? FromCountry,
    bool TrainingRequested)
{
    public const int MaxBodyCharacters = 1600;
    public const int MaxFormBytes = 64 * 1024;
    /// <summary>Signed by the training simulator; honoured only in Simulated mode.</summary>
    public const string TrainingParameter = "BeFreeTraining";
    private const int MaxMedia = 10;

    /// <summary>Reads Twilio's form. Returns an error that is safe to send back (no content echoed).</summary>
    public static InboundSmsParseResult Parse(IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            values.TryAdd(name, value);
        }
        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;

        var sid = Get("MessageSid") ?? Get("SmsMessageSid");
        var from = Get("From");
        var to = Get("To");
        if (string.IsNullOrWhiteSpace(sid)) return InboundSmsParseResult.Fail("MessageSid is missing.");
        if (string.IsNullOrWhiteSpace(from)) return InboundSmsParseResult.Fail("From is missing.");
        if (string.IsNullOrWhiteSpace(to)) return InboundSmsParseResult.Fail("To is missing.");
        if (sid.Length > 64) return InboundSmsParseResult.Fail("MessageSid is too long.");
        if (from.Length > 32 || to.Length > 32) return InboundSmsParseResult.Fail("From or To is too long.");

        var body = Get("Body") ?? "";
        // Counted in characters as people see them: an emoji is one, not two UTF-16 units.
        if (body.EnumerateRunes().Count() > MaxBodyCharacters)
        {
            return InboundSmsParseResult.Fail($"Body is over {MaxBodyCharacters} characters.");
        }

        var media = new List<InboundMedia>();
        var numMediaText = Get("NumMedia");
        if (!string.IsNullOrEmpty(numMediaText))
        {
            if (!int.TryParse(numMediaText, NumberStyles.None, CultureInfo.InvariantCulture, out var numMedia) || numMedia > MaxMedia)
            {
                return InboundSmsParseResult.Fail("NumMedia is not a number from 0 to 10.");
            }
            for (var i = 0; i < numMedia; i++)
            {
                var url = Get($"MediaUrl{i}");
                if (string.IsNullOrWhiteSpace(url)) return InboundSmsParseResult.Fail($"MediaUrl{i} is missing.");
                if (url.Length > 1000) return InboundSmsParseResult.Fail($"MediaUrl{i} is too long.");
                var type = Get($"MediaContentType{i}");
                if (type?.Length > 100) return InboundSmsParseResult.Fail($"MediaContentType{i} is too long.");
                media.Add(new InboundMedia(i, url, type));
            }
        }

        return InboundSmsParseResult.Ok(new InboundSms(
            sid.Trim(), Get("AccountSid"), from.Trim(), to.Trim(), body, media,
            Limit(Get("FromCity"), 100), Limit(Get("FromState"), 100), Limit(Get("FromZip"), 20), Limit(Get("FromCountry"), 10),
            Get(TrainingParameter) == "1"));
    }

    /// <summary>Location hints are unreliable anyway: keep what fits rather than refuse the text.</summary>
    private static string? Limit(string? value, int max)
        => string.IsNullOrWhiteSpace(value) ? null : value.Length <= max ? value : value[..max];
}

public sealed record InboundSmsParseResult(InboundSms? Sms, string? Error)
{
    public static InboundSmsParseResult Ok(InboundSms sms) => new(sms, null);
    public static InboundSmsParseResult Fail(string error) => new(null, error);
}
