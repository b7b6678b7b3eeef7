using System.Collections.Concurrent;
using System.Security.Cryptography;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Outbound;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>
/// Twilio for Simulated mode: accepts every text, names it like Twilio (SM + 32 hex), then reports
/// sent and delivered through <see cref="MessageStatusUpdater"/>, the code path of <c>/twilio/status</c>.
/// "Delivered" is what makes a reply appear on the simulator's fake phone. It remembers what it
/// accepted in this process, so a look-up after a lost answer finds it as Twilio's would.
/// </summary>
public sealed class SimulatedTwilio(
    MessageStatusUpdater statuses,
    IOptions<TwilioOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<SimulatedTwilio> logger) : ITwilioMessagingApi
{
    private readonly ConcurrentQueue<(string Sid, string To, string Body, DateTime CreatedUtc)> _accepted = new();

    public static string NewMessageSid() => "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public Task<TwilioSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        var sid = NewMessageSid();
        _accepted.Enqueue((sid, sms.To, sms.Body, clock.GetUtcNow().UtcDateTime));
        return Task.FromResult<TwilioSendResult>(new TwilioSendResult.Accepted(sid, MessageStatus.Queued));
    }

    public Task<TwilioLookupResult> FindSentAsync(OutboundSms sms, DateTime attemptedUtc, CancellationToken cancellationToken)
        => Task.FromResult<TwilioLookupResult>(new TwilioLookupResult.Answered(_accepted
            .Where(a => a.To == sms.To && a.Body == sms.Body && a.CreatedUtc >= attemptedUtc.AddMinutes(-1))
            .Select(a => new TwilioSentMessage(a.Sid, MessageStatus.Queued, a.CreatedUtc))
            .ToList()));

    public void OnSidRecorded(string sid) => _ = ReportDeliveryAsync(sid);

    private async Task ReportDeliveryAsync(string sid)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            await Task.Yield();
            await statuses.ApplyAsync(sid, "sent", null, cancellationToken: stopping);
            await Task.Delay(options.Value.SimulatedDeliveryDelayMilliseconds, stopping);
            await statuses.ApplyAsync(sid, "delivered", null, cancellationToken: stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Simulated delivery report for {MessageSid} failed", sid);
        }
    }
}
