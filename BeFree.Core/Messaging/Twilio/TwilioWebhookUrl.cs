namespace BeFree.Core.Messaging.Twilio;

/// <summary>The URL Twilio signed: what it was told to call, not what the app behind a proxy sees.</summary>
public static class TwilioWebhookUrl
{
    public const string SmsPath = "/twilio/sms";
    public const string StatusPath = "/twilio/status";

    /// <summary>
    /// <paramref name="publicBaseUrl"/> (the app's public root) + path + query when configured;
    /// otherwise the request's own scheme, host, path base, path and query.
    /// </summary>
    public static string Rebuild(string? publicBaseUrl, string scheme, string host, string pathBase, string path, string query)
        => string.IsNullOrWhiteSpace(publicBaseUrl)
            ? $"{scheme}://{host}{pathBase}{path}{query}"
            : publicBaseUrl.TrimEnd('/') + path + query;

    /// <summary>The query parameter of a status callback that names our outbound message.</summary>
    public const string OutboundParameter = "outbound";

    /// <summary>The query parameter of a status callback that names the outbound message's conversation.</summary>
    public const string ConversationParameter = "conversation";

    /// <summary>
    /// The address Twilio should post delivery reports about outbound message <paramref name="messageId"/> to;
    /// null without a public base URL. The id lets a report record the SID even when the send's own
    /// answer was lost (a timeout, a crash before it was written down). The conversation, when given,
    /// saves each report a read: it is what the report's live update names.
    /// </summary>
    public static string? StatusCallback(string? publicBaseUrl, long messageId, int? conversationId = null)
    {
        if (string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return null;
        }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var url = publicBaseUrl.TrimEnd('/') + StatusPath + "?" + OutboundParameter + "=" + messageId.ToString(invariant);
        return conversationId is { } conversation ? url + "&" + ConversationParameter + "=" + conversation.ToString(invariant) : url;
    }
}
