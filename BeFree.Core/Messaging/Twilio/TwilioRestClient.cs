using System.Globalization;
using System.Net;
using System.Text.Json;
using BeFree.Core.Messaging.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>
/// Twilio's REST Messages API over <see cref="HttpClient"/> (typed client): POST
/// <c>{ApiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c> with Basic auth.
/// Never throws for Twilio's answers or network trouble: it classifies them.
/// </summary>
public sealed class TwilioRestClient(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioRestClient> logger) : ITwilioMessagingApi
{
    public async Task<TwilioSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", sms.To),
            new("Body", sms.Body),
        };
        form.Add(string.IsNullOrWhiteSpace(settings.MessagingServiceSid)
            ? new("From", settings.From ?? "")
            : new("MessagingServiceSid", settings.MessagingServiceSid));
        if (TwilioWebhookUrl.StatusCallback(settings.PublicBaseUrl) is { } callback)
        {
            form.Add(new("StatusCallback", callback));
        }

        var url = $"{settings.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid ?? "")}/Messages.json";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = settings.BasicAuthorization();

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var content = await response.Content.ReadAsStringAsync(cancellationToken);
            return Classify(response, content);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Could not reach Twilio for message {MessageId}: {Error}", sms.MessageId, ex.Message);
            return new TwilioSendResult.Retryable("Could not reach Twilio.", null, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Twilio did not answer in time for message {MessageId}", sms.MessageId);
            return new TwilioSendResult.Retryable("Twilio did not answer in time.", null, null);
        }
    }

    internal static TwilioSendResult Classify(HttpResponseMessage response, string content)
    {
        var (sid, status, code, message) = ReadJson(content);
        var statusCode = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return string.IsNullOrEmpty(sid)
                ? new TwilioSendResult.Rejected(statusCode.ToString(CultureInfo.InvariantCulture), "Twilio accepted the request but returned no message id.")
                : new TwilioSendResult.Accepted(sid, DeliveryStatus.Parse(status));
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests || statusCode >= 500)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            return new TwilioSendResult.Retryable($"Twilio answered {statusCode}.", code ?? statusCode.ToString(CultureInfo.InvariantCulture), retryAfter);
        }
        return new TwilioSendResult.Rejected(code ?? statusCode.ToString(CultureInfo.InvariantCulture), message ?? $"Twilio answered {statusCode}.");
    }

    private static (string? Sid, string? Status, string? Code, string? Message) ReadJson(string content)
    {
        try
        {
            using var json = JsonDocument.Parse(content);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }
            string? Text(string name) => root.TryGetProperty(name, out var v)
                ? v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Number => v.GetRawText(),
                    _ => null,
                }
                : null;
            return (Text("sid"), Text("status"), Text("code"), Text("message"));
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
