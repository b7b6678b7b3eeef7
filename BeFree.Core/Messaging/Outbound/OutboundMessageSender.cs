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
/// two app instances) never work on it at once, and one that dies mid-send is picked up after the lease.
/// Exactly once, as far as Twilio allows: each attempt is written down before its request leaves,
/// and a message whose last attempt may have reached Twilio is looked up at Twilio before any resend
/// (held for the advocate when Twilio cannot be asked). The safe-contact rules are checked again
/// just before each send. Within a conversation texts go out in the order they were written.
/// </summary>
public sealed class OutboundMessageSender(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    SmallWriteQueue writes,
    OutboundSignal signal,
    IServiceProvider services,
    ConversationNotifier notifier,
    AuditLog audit,
    IOptions<TwilioOptions> options,
    IOptions<ConversationOptions> conversationOptions,
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
            // The due texts are each the next of a different conversation, so they may go out side by side.
            await Parallel.ForEachAsync(due,
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency, CancellationToken = cancellationToken },
                async (id, token) =>
                {
                    using var activity = BeFreeTelemetry.ActivitySource.StartActivity(BeFreeTelemetry.Spans.Send)?.SetTag(BeFreeTelemetry.Tags.MessageId, id);
                    await SendOneAsync(id, token);
                });
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

    /// <summary>What the sender needs of a claimed message, read once after the claim.</summary>
    private sealed record Claimed(
        long Id, int ConversationId, int TexterId, string Body, string PhoneNumber, int SendAttempts, bool SafeToResend,
        DateTime LastAttemptUtc, DateTime Lease, bool IsOptOutConfirmation, string? OverriddenRules, ContactFlags Flags)
    {
        // LastAttemptUtc is the message's creation for rows whose attempts predate it being recorded.

        /// <summary>An attempt is on record, no SID, and it was not a definite no: Twilio may have it.</summary>
        public bool OutcomeUnknown => SendAttempts > 0 && !SafeToResend;

        public OutboundSms Sms => new(Id, PhoneNumber, Body, ConversationId);
    }

    /// <summary>
    /// One message: claim it; if an earlier attempt may have reached Twilio, ask Twilio first; check
    /// the safe-contact rules as they stand now; write down the attempt; only then send; record the answer.
    /// </summary>
    private async Task SendOneAsync(long messageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await ClaimAsync(db, messageId, cancellationToken) is not { } message)
        {
            return; // Another sender has it.
        }
        await PublishStatusChangedAsync(message.ConversationId);

        var api = services.GetRequiredService<ITwilioMessagingApi>();
        if (message.OutcomeUnknown)
        {
            if (!await ReconcileAsync(db, api, message, cancellationToken))
            {
                return;
            }
            if (message.SendAttempts >= options.Value.MaxSendAttempts)
            {
                // Out of automatic attempts, and Twilio has been asked and does not have it: failing says the truth.
                await FinishAsync(message.Id, MessageStatus.Failed, null,
                    $"Not sent: Twilio did not accept it after {message.SendAttempts} attempts.", cancellationToken);
                await PublishStatusChangedAsync(message.ConversationId);
                return;
            }
        }
        if (!await ContactRulesAllowAsync(message, cancellationToken))
        {
            return;
        }
        if (!await RecordAttemptAsync(message, cancellationToken))
        {
            return;
        }

        var result = await api.SendAsync(message.Sms, cancellationToken);
        await RecordResultAsync(api, message, result);
    }

    /// <summary>
    /// Writes down Twilio's answer to this attempt: accepted (its SID), out of attempts, retry later,
    /// carrier opt-out, or refused. Even while the app stops: dropping an accepted SID would leave
    /// the text "sending" until its lease ends, and it would be looked up then.
    /// </summary>
    private async Task RecordResultAsync(ITwilioMessagingApi api, Claimed message, TwilioSendResult result)
    {
        var recordToken = CancellationToken.None;
        var attempts = message.SendAttempts + 1;
        switch (result)
        {
            case TwilioSendResult.Accepted accepted:
                await RecordAcceptedAsync(api, message, accepted.Sid, accepted.Status, recordToken);
                break;
            case TwilioSendResult.Retryable { MayHaveBeenAccepted: false } retry when attempts >= options.Value.MaxSendAttempts:
                await GiveUpAsync(message, attempts, retry, recordToken);
                break;
            case TwilioSendResult.Retryable retry:
                await ScheduleRetryAsync(message, attempts, retry, recordToken);
                break;
            case TwilioSendResult.Rejected { ErrorCode: TwilioErrorCodes.Unsubscribed }:
                await RecordCarrierOptOutAsync(message, recordToken);
                break;
            case TwilioSendResult.Rejected rejected:
                await RecordRejectedAsync(message, rejected, recordToken);
                break;
        }
    }

    /// <summary>
    /// The conditional update that makes this sender the only one working on the message until its
    /// lease ends. It counts no attempt: nothing has been sent yet (see <see cref="RecordAttemptAsync"/>).
    /// </summary>
    private async Task<Claimed?> ClaimAsync(BeFreeDbContext db, long messageId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Whole milliseconds: every provider stores them exactly, so the lease can be compared for equality.
        var lease = new DateTime(now.AddSeconds(options.Value.SendLeaseSeconds).Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var claimed = await writes.WriteAsync((w, ct) => Pending(w.Messages)
            .Where(m => m.Id == messageId && (m.NextAttemptUtc == null || m.NextAttemptUtc <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Sending)
                .SetProperty(m => m.StatusUpdatedUtc, now)
                .SetProperty(m => m.NextAttemptUtc, lease),
                ct), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }
        // The texter's safe-contact flags come with it, read right after the claim: one query, not three.
        // Their latest text matters only under do-not-text-back, so only then is it looked up.
        return await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId)
            .Select(m => new Claimed(m.Id, m.ConversationId, m.Conversation.TexterId, m.Body, m.Conversation.Texter.PhoneNumber,
                m.SendAttempts, m.SafeToResend, m.LastAttemptUtc ?? m.CreatedUtc, lease, m.IsOptOutConfirmation, m.OverriddenRules,
                new ContactFlags(m.Conversation.Texter.IsOptedOut, m.Conversation.Texter.DoNotTextBack,
                    m.Conversation.Texter.SafeWindowStart, m.Conversation.Texter.SafeWindowEnd, m.Conversation.Texter.TimeZoneId,
                    m.Conversation.Texter.DoNotTextBack
                        ? m.Conversation.Texter.Conversations.SelectMany(c => c.Messages)
                            .Where(x => x.Direction == MessageDirection.Inbound)
                            .Max(x => (DateTime?)x.CreatedUtc)
                        : null)))
            .SingleAsync(cancellationToken);
    }

    /// <summary>
    /// An earlier attempt may have reached Twilio (it timed out, the connection broke, Twilio answered
    /// 5xx, or the instance died before writing the answer down). Asks Twilio: found → its SID is
    /// recorded; Twilio definitely has none → true, it may be sent; unknowable → held for the advocate.
    /// </summary>
    private async Task<bool> ReconcileAsync(BeFreeDbContext db, ITwilioMessagingApi api, Claimed message, CancellationToken cancellationToken)
    {
        var lookup = await api.FindSentAsync(message.Sms, message.LastAttemptUtc, cancellationToken);
        var recordToken = CancellationToken.None;
        switch (lookup)
        {
            case TwilioLookupResult.Answered answered:
                var candidates = answered.Matches.Select(m => m.Sid).ToList();
                // A text with the same words that we already know is another of ours, not this one.
                var known = await db.Messages.AsNoTracking()
                    .Where(m => m.TwilioSid != null && candidates.Contains(m.TwilioSid))
                    .Select(m => m.TwilioSid!)
                    .ToListAsync(cancellationToken);
                var found = answered.Matches
                    .Where(m => !known.Contains(m.Sid))
                    .OrderBy(m => m.CreatedUtc ?? DateTime.MaxValue)
                    .FirstOrDefault();
                if (found is null)
                {
                    logger.LogInformation("Twilio does not have message {MessageId}; it will be sent", message.Id);
                    return true;
                }
                logger.LogWarning("Twilio had message {MessageId} after all, as {MessageSid}; not sending it again", message.Id, found.Sid);
                await RecordAcceptedAsync(api, message, found.Sid, found.Status, recordToken);
                return false;

            case TwilioLookupResult.Failed failed:
                logger.LogWarning("Holding message {MessageId}: {Reason}", message.Id, failed.Reason);
                await HoldAsync(message, MessageHold.SendOutcomeUnknown, OutboundMessages.OutcomeUnknownReason, recordToken);
                return false;

            default:
                throw new InvalidOperationException($"Unexpected look-up result {lookup.GetType().Name}.");
        }
    }

    /// <summary>
    /// The safe-contact rules against the texter's flags as they are now: a text delayed by retries,
    /// a backlog or an outage may no longer be safe. Opted out → failed (nothing can send it); other
    /// rules not covered by the lead's override at queue time → held with the reason. Only the
    /// carriers' required STOP confirmation is exempt.
    /// </summary>
    private async Task<bool> ContactRulesAllowAsync(Claimed message, CancellationToken cancellationToken)
    {
        if (message.IsOptOutConfirmation)
        {
            return true;
        }
        var decision = ContactSafetyPolicy.Evaluate(message.Flags, clock.GetUtcNow(), conversationOptions.Value.DoNotTextBackReplyWindow);
        var uncovered = ContactSafetyPolicy.UncoveredRules(decision, ContactSafetyPolicy.ParseRules(message.OverriddenRules));
        if (uncovered.Count == 0)
        {
            return true;
        }
        if (uncovered.Contains(ContactRule.OptedOut))
        {
            await FinishAsync(message.Id, MessageStatus.Failed, "opted-out", OutboundMessages.OptedOutReason, cancellationToken);
            await PublishStatusChangedAsync(message.ConversationId);
            return false;
        }
        logger.LogInformation("Holding message {MessageId}: the texter's safe-contact rules ({Rules}) stop it now", message.Id, string.Join(',', uncovered));
        await HoldAsync(message, MessageHold.ContactRules, OutboundMessages.HeldByRulesReason(decision.EnglishReason), cancellationToken);
        return false;
    }

    /// <summary>
    /// The intent, written before the request leaves: one more attempt, when, and that its outcome is
    /// not known yet. If the instance dies during the send, the next sender finds this and asks Twilio.
    /// </summary>
    private async Task<bool> RecordAttemptAsync(Claimed message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var recorded = await writes.WriteAsync((w, ct) => w.Messages
            .Where(m => m.Id == message.Id && m.TwilioSid == null && m.Status == MessageStatus.Sending && m.NextAttemptUtc == message.Lease)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SendAttempts, m => m.SendAttempts + 1)
                .SetProperty(m => m.LastAttemptUtc, now)
                .SetProperty(m => m.SafeToResend, false),
                ct), cancellationToken);
        return recorded == 1;
    }

    private async Task RecordAcceptedAsync(ITwilioMessagingApi api, Claimed message, string sid, MessageStatus? reported,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var status = reported is { } twilioStatus && DeliveryStatus.CanMove(MessageStatus.Sending, twilioStatus) ? twilioStatus : MessageStatus.Sending;
        // A status report may have recorded the SID first; then this changes nothing.
        var recorded = await writes.WriteAsync((w, ct) => w.Messages.Where(m => m.Id == message.Id && m.TwilioSid == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.TwilioSid, sid)
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.StatusUpdatedUtc, now)
                .SetProperty(m => m.NextAttemptUtc, (DateTime?)null)
                .SetProperty(m => m.HeldBecause, (MessageHold?)null)
                .SetProperty(m => m.ErrorCode, (string?)null)
                .SetProperty(m => m.ErrorMessage, (string?)null),
                ct), cancellationToken);
        await PublishStatusChangedAsync(message.ConversationId);
        if (recorded == 1)
        {
            api.OnSidRecorded(sid);
        }
    }

    /// <summary>Out of attempts after a definite no from Twilio: failed, with the last reason.</summary>
    private async Task GiveUpAsync(Claimed message, int attempts, TwilioSendResult.Retryable retry, CancellationToken cancellationToken)
    {
        logger.LogWarning("Message {MessageId} failed after {Attempts} attempts: {Reason}", message.Id, attempts, retry.Reason);
        await FinishAsync(message.Id, MessageStatus.Failed, retry.ErrorCode,
            $"Not sent: Twilio did not accept it after {attempts} attempts. {retry.Reason}", cancellationToken);
        await PublishStatusChangedAsync(message.ConversationId);
    }

    /// <summary>
    /// Tries again after the backoff. After a definite no the next try sends at once; otherwise
    /// (<see cref="TwilioSendResult.Retryable.MayHaveBeenAccepted"/>) it asks Twilio first.
    /// </summary>
    private async Task ScheduleRetryAsync(Claimed message, int attempts, TwilioSendResult.Retryable retry, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var delay = RetryDelay(settings, attempts, retry.RetryAfter);
        var now = clock.GetUtcNow().UtcDateTime;
        logger.LogInformation("Message {MessageId} will be retried in {Delay}: {Reason}", message.Id, delay, retry.Reason);
        await writes.WriteAsync((w, ct) => w.Messages.Where(m => m.Id == message.Id && m.TwilioSid == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.NextAttemptUtc, now + delay)
                .SetProperty(m => m.SafeToResend, !retry.MayHaveBeenAccepted)
                .SetProperty(m => m.ErrorCode, retry.ErrorCode)
                .SetProperty(m => m.ErrorMessage, $"Retrying: {retry.Reason}"),
                ct), cancellationToken);
        await PublishStatusChangedAsync(message.ConversationId);
    }

    private async Task RecordCarrierOptOutAsync(Claimed message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (finished, changed) = await writes.WriteAsync((w, ct) => SmallWriteQueue.InTransactionAsync(w, async () =>
        {
            var failed = await FinishAsync(w, message.Id, MessageStatus.Failed, TwilioErrorCodes.Unsubscribed,
                TwilioErrorCodes.Describe(TwilioErrorCodes.Unsubscribed), ct);
            var optedOut = await CarrierOptOut.RecordAsync(w, audit, message.ConversationId, now, ct);
            await w.SaveChangesAsync(ct);
            return (failed, optedOut);
        }, ct), cancellationToken);
        CountFailure(finished, MessageStatus.Failed);
        await PublishStatusChangedAsync(message.ConversationId);
        if (changed)
        {
            await notifier.PublishAsync(new ConversationChange(message.ConversationId, ConversationChangeKind.OptOutChanged));
        }
    }

    private async Task RecordRejectedAsync(Claimed message, TwilioSendResult.Rejected rejected, CancellationToken cancellationToken)
    {
        logger.LogWarning("Twilio refused message {MessageId} with error {ErrorCode}", message.Id, rejected.ErrorCode);
        await FinishAsync(message.Id, MessageStatus.Failed, rejected.ErrorCode,
            TwilioErrorCodes.Describe(rejected.ErrorCode, rejected.Message), cancellationToken);
        await PublishStatusChangedAsync(message.ConversationId);
    }

    /// <summary>Held: the sender leaves it alone until the holder sends it again or discards it. Audited.</summary>
    private async Task HoldAsync(Claimed message, MessageHold why, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var text = reason.Length <= 500 ? reason : reason[..500];
        // The audit row commits with the hold it records.
        await writes.WriteAsync((w, ct) => SmallWriteQueue.InTransactionAsync(w, async () =>
        {
            var held = await w.Messages.Where(m => m.Id == message.Id && m.TwilioSid == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, MessageStatus.Held)
                    .SetProperty(m => m.HeldBecause, why)
                    .SetProperty(m => m.StatusUpdatedUtc, now)
                    .SetProperty(m => m.NextAttemptUtc, (DateTime?)null)
                    .SetProperty(m => m.ErrorCode, (string?)null)
                    .SetProperty(m => m.ErrorMessage, text),
                    ct);
            if (held == 1)
            {
                audit.Add(w, AuditActor.System, MessagingAuditActions.MessageHeld, "message",
                    message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"conversation={message.ConversationId}; because={why}");
                await w.SaveChangesAsync(ct);
            }
            return held;
        }, ct), cancellationToken);
        await PublishStatusChangedAsync(message.ConversationId);
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

    /// <summary>Ends the message's sending with <paramref name="status"/> and the reason, through the write queue.</summary>
    private async Task<int> FinishAsync(long messageId, MessageStatus status, string? errorCode, string errorMessage, CancellationToken cancellationToken)
    {
        var finished = await writes.WriteAsync((w, ct) => FinishAsync(w, messageId, status, errorCode, errorMessage, ct), cancellationToken);
        CountFailure(finished, status);
        return finished;
    }

    /// <summary>Counted once the write has committed (a batch that is redone write by write runs it twice).</summary>
    private void CountFailure(int finished, MessageStatus status)
    {
        if (finished == 1 && status == MessageStatus.Failed)
        {
            metrics.RecordOutboundFailure();
        }
    }

    private async Task<int> FinishAsync(BeFreeDbContext db, long messageId, MessageStatus status, string? errorCode, string errorMessage, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = errorMessage.Length <= 500 ? errorMessage : errorMessage[..500];
        var code = errorCode is { Length: > 16 } ? errorCode[..16] : errorCode;
        return await db.Messages.Where(m => m.Id == messageId && m.TwilioSid == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.StatusUpdatedUtc, now)
                .SetProperty(m => m.NextAttemptUtc, (DateTime?)null)
                .SetProperty(m => m.ErrorCode, code)
                .SetProperty(m => m.ErrorMessage, message),
                cancellationToken);
    }

    private Task PublishStatusChangedAsync(int conversationId)
        => notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.MessageStatusChanged));
}
