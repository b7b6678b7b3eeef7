using System.Globalization;
using System.Net;
using BeFree.Core.Messaging.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using SystemNetHttpClient = Twilio.Http.SystemNetHttpClient;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>
/// Live mode: Twilio's own SDK (<see cref="MessageResource.CreateAsync(CreateMessageOptions, global::Twilio.Clients.ITwilioRestClient)"/>)
/// over the app's typed <see cref="HttpClient"/>, whose <see cref="TwilioApiHandler"/> points it at
/// <c>Twilio:ApiBaseUrl</c>. Never throws for Twilio's answers or network trouble: it classifies them.
/// </summary>
public sealed class TwilioMessagingApi(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioMessagingApi> logger) : ITwilioMessagingApi
{
    public async Task<TwilioSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var settings = options.Value;
        var create = new CreateMessageOptions(new PhoneNumber(sms.To)) { Body = sms.Body };
        if (string.IsNullOrWhiteSpace(settings.MessagingServiceSid))
        {
            create.From = new PhoneNumber(settings.From ?? "");
        }
        else
        {
            create.MessagingServiceSid = settings.MessagingServiceSid;
        }
        if (TwilioWebhookUrl.StatusCallback(settings.PublicBaseUrl) is { } callback)
        {
            create.StatusCallback = new Uri(callback);
        }

        // One SDK client per send: its LastResponse is then this send's answer, the only place the
        // SDK exposes response headers (Retry-After) once it has turned an error into an exception.
        var transport = new SystemNetHttpClient(http);
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: transport);
        try
        {
            // The SDK takes no cancellation token: a send in flight finishes (bounded by the
            // HttpClient timeout) so its SID is recorded rather than the text being sent again.
            var message = await MessageResource.CreateAsync(create, client);
            return string.IsNullOrEmpty(message.Sid)
                ? new TwilioSendResult.Rejected(Code(transport.LastResponse?.StatusCode), "Twilio accepted the request but returned no message id.")
                : new TwilioSendResult.Accepted(message.Sid, DeliveryStatus.Parse(message.Status?.ToString()));
        }
        catch (ApiConnectionException ex) when (ex.InnerException is TaskCanceledException)
        {
            logger.LogWarning("Twilio did not answer in time for message {MessageId}", sms.MessageId);
            return new TwilioSendResult.Retryable("Twilio did not answer in time.", null, null);
        }
        catch (ApiConnectionException ex)
        {
            logger.LogWarning("Could not reach Twilio for message {MessageId}: {Error}", sms.MessageId, ex.InnerException?.Message ?? ex.Message);
            return new TwilioSendResult.Retryable("Could not reach Twilio.", null, null);
        }
        catch (ApiException ex)
        {
            return Classify(ex, transport.LastResponse);
        }
    }

    /// <summary>429 and 5xx: try again (after Retry-After when given). A 2xx the SDK could not read and every other 4xx: refused for good.</summary>
    internal static TwilioSendResult Classify(ApiException error, global::Twilio.Http.Response? response)
    {
        var status = response is not null ? (int)response.StatusCode : error.Status;
        var code = error.Code != 0 ? error.Code.ToString(CultureInfo.InvariantCulture) : Code(response?.StatusCode);
        if (status is >= 200 and < 300)
        {
            // Twilio may well have taken it: sending again could deliver it twice.
            return new TwilioSendResult.Rejected(code, "Twilio accepted the request but its answer could not be read.");
        }
        if (status == (int)HttpStatusCode.TooManyRequests || status >= 500)
        {
            var retryAfter = response?.Headers?.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            return new TwilioSendResult.Retryable($"Twilio answered {status}.", code, retryAfter);
        }
        var message = string.IsNullOrWhiteSpace(error.Message) ? $"Twilio answered {status}." : error.Message;
        return new TwilioSendResult.Rejected(code, message);
    }

    private static string Code(HttpStatusCode? status)
        => status is { } known ? ((int)known).ToString(CultureInfo.InvariantCulture) : "0";
}
