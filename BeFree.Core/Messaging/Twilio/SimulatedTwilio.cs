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
/// "Delivered" is what makes a reply appear on the simulator's fake phone.
/// </summary>
public sealed class SimulatedTwilio(
    MessageStatusUpdater statuses,
    IOptions<TwilioOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SimulatedTwilio> logger) : ITwilioMessagingApi
{
    public static string NewMessageSid() => "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public Task<TwilioSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
        => Task.FromResult<TwilioSendResult>(new TwilioSendResult.Accepted(NewMessageSid(), MessageStatus.Queued));

    public void OnSidRecorded(string sid) => _ = ReportDeliveryAsync(sid);

    private async Task ReportDeliveryAsync(string sid)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            await Task.Yield();
            await statuses.ApplyAsync(sid, "sent", null, stopping);
            await Task.Delay(options.Value.SimulatedDeliveryDelayMilliseconds, stopping);
            await statuses.ApplyAsync(sid, "delivered", null, stopping);
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
