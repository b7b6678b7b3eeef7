using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
        if (TwilioWebhookUrl.StatusCallback(settings.PublicBaseUrl, sms.MessageId, sms.ConversationId) is { } callback)
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
            return new TwilioSendResult.Retryable("Twilio did not answer in time.", null, null, MayHaveBeenAccepted: true);
        }
        catch (ApiConnectionException ex) when (NothingWasSent(ex))
        {
            logger.LogWarning("Could not connect to Twilio for message {MessageId}: {Error}", sms.MessageId, ex.InnerException?.Message ?? ex.Message);
            return new TwilioSendResult.Retryable("Could not connect to Twilio.", null, null, MayHaveBeenAccepted: false);
        }
        catch (ApiConnectionException ex)
        {
            logger.LogWarning("The connection to Twilio broke for message {MessageId}: {Error}", sms.MessageId, ex.InnerException?.Message ?? ex.Message);
            return new TwilioSendResult.Retryable("The connection to Twilio broke.", null, null, MayHaveBeenAccepted: true);
        }
        catch (ApiException ex)
        {
            return Classify(ex, transport.LastResponse);
        }
    }

    /// <summary>
    /// The connection was never made (refused, or the name did not resolve): not one byte of the
    /// request reached Twilio. Anything else (reset, broken pipe, a closed connection) may have.
    /// </summary>
    internal static bool NothingWasSent(Exception error)
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData })
            {
                return true;
            }
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// 429: try again (after Retry-After when given), Twilio took nothing. 5xx and a 2xx the SDK could
    /// not read: Twilio may have taken it, so it is looked up before any resend. Every other 4xx: refused for good.
    /// </summary>
    internal static TwilioSendResult Classify(ApiException error, global::Twilio.Http.Response? response)
    {
        var status = response is not null ? (int)response.StatusCode : error.Status;
        var code = error.Code != 0 ? error.Code.ToString(CultureInfo.InvariantCulture) : Code(response?.StatusCode);
        if (status is >= 200 and < 300)
        {
            return new TwilioSendResult.Retryable("Twilio accepted the request but its answer could not be read.", code, null, MayHaveBeenAccepted: true);
        }
        if (status == (int)HttpStatusCode.TooManyRequests || status >= 500)
        {
            var retryAfter = response?.Headers?.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            return new TwilioSendResult.Retryable($"Twilio answered {status}.", code, retryAfter, MayHaveBeenAccepted: status >= 500);
        }
        var message = string.IsNullOrWhiteSpace(error.Message) ? $"Twilio answered {status}." : error.Message;
        return new TwilioSendResult.Rejected(code, message);
    }

    /// <summary>How far before the attempt a text Twilio created still counts: the two clocks may differ.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);

    /// <summary>The most recent texts to the number looked at; a text of ours lost minutes ago is among them.</summary>
    private const int LookupPageSize = 100;

    /// <summary>
    /// Twilio's Messages list filtered by To (and From, unless a messaging service picks the sender),
    /// newest first, matched here on the body and the creation time. Not filtered on DateSent: a text
    /// Twilio still holds as queued has no send date yet, and it is exactly the one being looked for.
    /// </summary>
    public async Task<TwilioLookupResult> FindSentAsync(OutboundSms sms, DateTime attemptedUtc, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var settings = options.Value;
        var read = new ReadMessageOptions { To = new PhoneNumber(sms.To), PageSize = LookupPageSize, Limit = LookupPageSize };
        if (string.IsNullOrWhiteSpace(settings.MessagingServiceSid))
        {
            read.From = new PhoneNumber(settings.From ?? "");
        }
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: new SystemNetHttpClient(http));
        try
        {
            var page = await MessageResource.ReadAsync(read, client);
            var since = attemptedUtc > DateTime.MinValue + ClockSkew ? attemptedUtc - ClockSkew : DateTime.MinValue;
            var matches = page
                .Where(m => string.Equals(m.Body, sms.Body, StringComparison.Ordinal))
                .Select(m => new TwilioSentMessage(m.Sid, DeliveryStatus.Parse(m.Status?.ToString()), AsUtc(m.DateCreated)))
                .Where(m => m.CreatedUtc is null || m.CreatedUtc >= since)
                .ToList();
            return new TwilioLookupResult.Answered(matches);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, the answer is "cannot be known": the text is held, never sent blind.
            logger.LogWarning("Could not ask Twilio about message {MessageId}: {Error}", sms.MessageId, ex.InnerException?.Message ?? ex.Message);
            return new TwilioLookupResult.Failed("Twilio could not be asked whether it has the text.");
        }
    }

    private static DateTime? AsUtc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } utc => utc,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
    };

    private static string Code(HttpStatusCode? status)
        => status is { } known ? ((int)known).ToString(CultureInfo.InvariantCulture) : "0";
}
