using System.Security.Cryptography;
using BeFree.Core.Messaging.Twilio;

namespace BeFree.Tests.Web.Twilio.Support;

/// <summary>Builds and signs webhooks the way Twilio does.</summary>
public static class TwilioWebhook
{
    public const string TestServerBase = "http://localhost";

    public static string NewMessageSid() => "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string NewPhoneNumber() => "+1555" + RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7");

    public static List<KeyValuePair<string, string>> Inbound(string from, string body, string? messageSid = null, params (string Name, string Value)[] extra)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("ToCountry", "US"),
            new("MessageSid", messageSid ?? NewMessageSid()),
            new("AccountSid", TwilioWebFactory.AccountSid),
            new("From", from),
            new("To", TwilioWebFactory.ShortCode),
            new("Body", body),
            new("NumMedia", "0"),
            new("NumSegments", "1"),
            new("SmsStatus", "received"),
            new("ApiVersion", "2010-04-01"),
        };
        foreach (var (name, value) in extra)
        {
            form.RemoveAll(p => p.Key == name);
            form.Add(new(name, value));
        }
        return form;
    }

    public static List<KeyValuePair<string, string>> Status(string messageSid, string status, string? errorCode = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", messageSid),
            new("SmsSid", messageSid),
            new("AccountSid", TwilioWebFactory.AccountSid),
            new("MessageStatus", status),
            new("SmsStatus", status),
            new("To", "+15550000000"),
            new("From", TwilioWebFactory.ShortCode),
            new("ApiVersion", "2010-04-01"),
        };
        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
        }
        return form;
    }

    public static HttpRequestMessage Signed(string path, IReadOnlyList<KeyValuePair<string, string>> form,
        string token = TwilioWebFactory.AuthToken, string? signedUrl = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(signedUrl ?? TestServerBase + path, form, token));
        return request;
    }

    public static async Task<HttpResponseMessage> PostSignedAsync(this HttpClient client, string path, IReadOnlyList<KeyValuePair<string, string>> form,
        string token = TwilioWebFactory.AuthToken, string? signedUrl = null)
    {
        using var request = Signed(path, form, token, signedUrl);
        return await client.SendAsync(request);
    }
}
