using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>
/// Drains queued outbound texts to Twilio. It starts with a scan of the database, so texts queued
/// before a restart are sent; then it sleeps until signalled or until the next retry is due.
/// A message is claimed with a conditional update that also sets a lease, so two senders (even in
/// two app instances) never send it twice, and one that dies mid-send is picked up after the lease.
/// Within a conversation texts go out in the order they were written.
/// </summary>
public sealed class OutboundMessageSender(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    OutboundSignal signal,
    IServiceProvider services,
    ConversationNotifier notifier,
    AuditLog audit,
    IOptions<TwilioOptions> options,
    TimeProvider clock,
    ILogger<OutboundMessageSender> logger,
    BeFreeMetrics metrics) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan AfterError = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                sleep = await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be busy or down: nothing is lost, the rows are still queued.
                logger.LogError(ex, "The outbound sender failed; trying again shortly");
                sleep = AfterError;
            }
            try
            {
                await signal.WaitAsync(sleep, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Sends everything due now; returns how long until the next retry is due.</summary>
    internal async Task<TimeSpan> SendDueAsync(CancellationToken cancellationToken)
    {
        // Sending one text can make the next of its conversation due, so go round until nothing is.
        // Whatever was due but not claimed here belongs to another sender, whose lease hides it.
        for (var round = 0; round < 1000; round++)
        {
            var due = await DueMessageIdsAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }
            foreach (var id in due)
            {
                using var activity = BeFreeTelemetry.ActivitySource.StartActivity(BeFreeTelemetry.Spans.Send)?.SetTag(BeFreeTelemetry.Tags.MessageId, id);
                await SendOneAsync(id, cancellationToken);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Not filtered on "later than now": a retry that fell due since the last look must wake us at once.
        var next = await NextInLine(db.Messages).MinAsync(m => m.NextAttemptUtc, cancellationToken);
        if (next is null)
        {
            return LongestSleep;
        }
        var wait = next.Value - now;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait < LongestSleep ? wait : LongestSleep;
    }

    /// <summary>Outbound texts not yet accepted by Twilio and not finished.</summary>
    private static IQueryable<Message> Pending(IQueryable<Message> messages) => messages.Where(m =>
        m.Direction == MessageDirection.Outbound
        && m.TwilioSid == null
        && (m.Status == MessageStatus.Queued || m.Status == MessageStatus.Sending));

    /// <summary>Pending texts with no earlier text of their conversation still on its way: those go first.</summary>
    private static IQueryable<Message> NextInLine(IQueryable<Message> messages)
    {
        var pending = Pending(messages);
        return pending.Where(m => !pending.Any(earlier => earlier.ConversationId == m.ConversationId && earlier.Id < m.Id));
    }

    private async Task<List<long>> DueMessageIdsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await NextInLine(db.Messages)
            .Where(m => m.NextAttemptUtc == null || m.NextAttemptUtc <= now)
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
    }

    private async Task SendOneAsync(long messageId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now.AddSeconds(settings.SendLeaseSeconds);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await Pending(db.Messages)
            .Where(m => m.Id == messageId && (m.NextAttemptUtc == null || m.NextAttemptUtc <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Sending)
                .SetProperty(m => m.StatusUpdatedUtc, now)
                .SetProperty(m => m.NextAttemptUtc, lease)
                .SetProperty(m => m.SendAttempts, m => m.SendAttempts + 1),
                cancellationToken);
        if (claimed == 0)
        {
            return; // Another sender has it.
        }

        var message = await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId)
            .Select(m => new
            {
                m.Id,
                m.ConversationId,
                m.Body,
                m.SendAttempts,
                m.IsOptOutConfirmation,
                m.Conversation.Texter.PhoneNumber,
                m.Conversation.Texter.IsOptedOut,
            })
            .SingleAsync(cancellationToken);
        await PublishStatusChangedAsync(message.ConversationId);

        if (message.IsOptedOut && !message.IsOptOutConfirmation)
        {
            await FinishAsync(db, messageId, MessageStatus.Failed, "opted-out", OutboundMessages.OptedOutReason, cancellationToken);
            await PublishStatusChangedAsync(message.ConversationId);
            return;
        }

        var api = services.GetRequiredService<ITwilioMessagingApi>();
        var result = await api.SendAsync(new OutboundSms(message.Id, message.PhoneNumber, message.Body), cancellationToken);
        now = clock.GetUtcNow().UtcDateTime;
        // Twilio has answered: what it said is written down even while the app stops. Dropping an
        // accepted SID would leave the text "sending" until its lease ends, and it would go out twice.
        var recordToken = CancellationToken.None;
        switch (result)
        {
            case TwilioSendResult.Accepted accepted:
                var status = accepted.Status is { } reported && DeliveryStatus.CanMove(MessageStatus.Sending, reported) ? reported : MessageStatus.Sending;
                await db.Messages.Where(m => m.Id == messageId && m.TwilioSid == null)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.TwilioSid, accepted.Sid)
                        .SetProperty(m => m.Status, status)
                        .SetProperty(m => m.StatusUpdatedUtc, now)
                        .SetProperty(m => m.NextAttemptUtc, (DateTime?)null)
                        .SetProperty(m => m.ErrorCode, (string?)null)
                        .SetProperty(m => m.ErrorMessage, (string?)null),
                        recordToken);
                await PublishStatusChangedAsync(message.ConversationId);
                api.OnSidRecorded(accepted.Sid);
                break;

            case TwilioSendResult.Retryable retry when message.SendAttempts >= settings.MaxSendAttempts:
                logger.LogWarning("Message {MessageId} failed after {Attempts} attempts: {Reason}", messageId, message.SendAttempts, retry.Reason);
                await FinishAsync(db, messageId, MessageStatus.Failed, retry.ErrorCode,
                    $"Not sent: Twilio did not accept it after {message.SendAttempts} attempts. {retry.Reason}", recordToken);
                await PublishStatusChangedAsync(message.ConversationId);
                break;

            case TwilioSendResult.Retryable retry:
                var delay = RetryDelay(settings, message.SendAttempts, retry.RetryAfter);
                logger.LogInformation("Message {MessageId} will be retried in {Delay}: {Reason}", messageId, delay, retry.Reason);
                await db.Messages.Where(m => m.Id == messageId && m.TwilioSid == null)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.NextAttemptUtc, now + delay)
                        .SetProperty(m => m.ErrorCode, retry.ErrorCode)
                        .SetProperty(m => m.ErrorMessage, $"Retrying: {retry.Reason}"),
                        recordToken);
                await PublishStatusChangedAsync(message.ConversationId);
                break;

            case TwilioSendResult.Rejected { ErrorCode: TwilioErrorCodes.Unsubscribed }:
                await using (var transaction = await db.Database.BeginTransactionAsync(recordToken))
                {
                    await FinishAsync(db, messageId, MessageStatus.Failed, TwilioErrorCodes.Unsubscribed,
                        TwilioErrorCodes.Describe(TwilioErrorCodes.Unsubscribed), recordToken);
                    var changed = await CarrierOptOut.RecordAsync(db, audit, message.ConversationId, now, recordToken);
                    await db.SaveChangesAsync(recordToken);
                    await transaction.CommitAsync(recordToken);
                    await PublishStatusChangedAsync(message.ConversationId);
                    if (changed)
                    {
                        await notifier.PublishAsync(new ConversationChange(message.ConversationId, ConversationChangeKind.OptOutChanged));
                    }
                }
                break;

            case TwilioSendResult.Rejected rejected:
                logger.LogWarning("Twilio refused message {MessageId} with error {ErrorCode}", messageId, rejected.ErrorCode);
                await FinishAsync(db, messageId, MessageStatus.Failed, rejected.ErrorCode,
                    TwilioErrorCodes.Describe(rejected.ErrorCode, rejected.Message), recordToken);
                await PublishStatusChangedAsync(message.ConversationId);
                break;
        }
    }

    internal static TimeSpan RetryDelay(TwilioOptions settings, int attempts, TimeSpan? retryAfter)
    {
        var max = TimeSpan.FromMilliseconds(settings.RetryMaxDelayMilliseconds);
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var backoff = TimeSpan.FromMilliseconds(Math.Min(settings.RetryBaseDelayMilliseconds * Math.Pow(2, exponent), settings.RetryMaxDelayMilliseconds));
        if (retryAfter is { } asked && asked > backoff)
        {
            backoff = asked < max ? asked : max;
        }
        return backoff;
    }

    private async Task FinishAsync(BeFreeDbContext db, long messageId, MessageStatus status, string? errorCode, string errorMessage, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = errorMessage.Length <= 500 ? errorMessage : errorMessage[..500];
        var code = errorCode is { Length: > 16 } ? errorCode[..16] : errorCode;
        var finished = await db.Messages.Where(m => m.Id == messageId && m.TwilioSid == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.StatusUpdatedUtc, now)
                .SetProperty(m => m.NextAttemptUtc, (DateTime?)null)
                .SetProperty(m => m.ErrorCode, code)
                .SetProperty(m => m.ErrorMessage, message),
                cancellationToken);
        if (finished == 1 && status == MessageStatus.Failed)
        {
            metrics.RecordOutboundFailure();
        }
    }

    private Task PublishStatusChangedAsync(int conversationId)
        => notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.MessageStatusChanged));
}
