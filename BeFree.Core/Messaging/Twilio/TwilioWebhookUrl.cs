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

    /// <summary>The address Twilio should post delivery reports to; null without a public base URL.</summary>
    public static string? StatusCallback(string? publicBaseUrl)
        => string.IsNullOrWhiteSpace(publicBaseUrl) ? null : publicBaseUrl.TrimEnd('/') + StatusPath;
}
