using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Messaging.Outbound;

public enum StatusUpdateOutcome
{
    Updated,
    /// <summary>Late or repeated: the message is already at this status or further.</summary>
    Unchanged,
    /// <summary>No outbound message has this SID (logged; Twilio still gets 200).</summary>
    UnknownMessage,
    UnknownStatus,
}

/// <summary>
/// Applies Twilio's delivery reports (from <c>/twilio/status</c>, or from <see cref="SimulatedTwilio"/>
/// through this same method). A status only moves forward; see <see cref="DeliveryStatus"/>.
/// A report names our outbound message id too (the <c>outbound</c> query parameter of the callback URL
/// BeFree gave Twilio): when the send's own answer was lost, that is how its SID is still recorded.
/// </summary>
public sealed class MessageStatusUpdater(
    SmallWriteQueue writes,
    ConversationNotifier notifier,
    AuditLog audit,
    TimeProvider clock,
    ILogger<MessageStatusUpdater> logger)
{
    private const int MaxAttempts = 5;

    /// <param name="conversationId">
    /// The message's conversation as the signed callback URL names it (BeFree puts it there): then the
    /// usual report is one statement. Without it (older callbacks, the simulator) it is read.
    /// </param>
    public async Task<StatusUpdateOutcome> ApplyAsync(string messageSid, string? twilioStatus, string? errorCode,
        long? outboundMessageId = null, int? conversationId = null, CancellationToken cancellationToken = default)
    {
        if (DeliveryStatus.Parse(twilioStatus) is not { } status)
        {
            logger.LogWarning("Ignored a status report for {MessageSid} with an unknown status", messageSid);
            return StatusUpdateOutcome.UnknownStatus;
        }
        errorCode = string.IsNullOrWhiteSpace(errorCode) ? null : errorCode.Trim();
        if (errorCode?.Length > 16)
        {
            errorCode = errorCode[..16];
        }

        // The usual report: its message already carries this SID and is behind this status. One
        // conditional UPDATE moves it on. Anything else (the SID not recorded yet, a late or repeated
        // report, an opt-out) takes the longer way below.
        if (errorCode != TwilioErrorCodes.Unsubscribed
            && await writes.WriteAsync((db, ct) => MoveForwardAsync(db, messageSid, status, errorCode, conversationId, ct), cancellationToken) is { } movedIn)
        {
            await notifier.PublishAsync(new ConversationChange(movedIn, ConversationChangeKind.MessageStatusChanged));
            return StatusUpdateOutcome.Updated;
        }

        if (outboundMessageId is { } outboundId)
        {
            await RecordSidAsync(outboundId, messageSid, cancellationToken);
        }

        var applied = await writes.WriteAsync((db, ct) => ApplyReportAsync(db, messageSid, status, errorCode, ct), cancellationToken);
        if (applied.Outcome == StatusUpdateOutcome.Updated)
        {
            await notifier.PublishAsync(new ConversationChange(applied.ConversationId, ConversationChangeKind.MessageStatusChanged));
            if (applied.OptedOut)
            {
                await notifier.PublishAsync(new ConversationChange(applied.ConversationId, ConversationChangeKind.OptOutChanged));
            }
        }
        return applied.Outcome;
    }

    /// <summary>
    /// Moves the outbound message with <paramref name="messageSid"/> to <paramref name="status"/> if it is
    /// behind it, in one statement that is its own guard; returns its conversation, or null when no row
    /// changed (unknown SID, SID not recorded yet, or the message is already there or further).
    /// </summary>
    private async Task<int?> MoveForwardAsync(BeFreeDbContext db, string messageSid, MessageStatus status, string? errorCode,
        int? conversationId, CancellationToken cancellationToken)
    {
        var behind = StatusesBehind(status);
        var now = clock.GetUtcNow().UtcDateTime;
        var errorMessage = errorCode is null ? null : TwilioErrorCodes.Describe(errorCode);
        var changed = await db.Messages
            .Where(m => m.TwilioSid == messageSid && m.Direction == MessageDirection.Outbound && behind.Contains(m.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.StatusUpdatedUtc, now)
                .SetProperty(m => m.ErrorCode, m => errorCode ?? m.ErrorCode)
                .SetProperty(m => m.ErrorMessage, m => errorMessage ?? m.ErrorMessage),
                cancellationToken);
        if (changed == 0)
        {
            return null;
        }
        return conversationId ?? await db.Messages.Where(m => m.TwilioSid == messageSid).Select(m => m.ConversationId).SingleAsync(cancellationToken);
    }

    /// <summary>The statuses a message may move on to <paramref name="status"/> from (<see cref="DeliveryStatus.CanMove"/>).</summary>
    private static MessageStatus[] StatusesBehind(MessageStatus status)
        => Enum.GetValues<MessageStatus>().Where(from => DeliveryStatus.CanMove(from, status)).ToArray();

    /// <summary>What a report did, told to open screens once it is committed.</summary>
    private sealed record AppliedReport(StatusUpdateOutcome Outcome, int ConversationId = 0, bool OptedOut = false);

    /// <summary>Moves the message forward to <paramref name="status"/> if it is behind; one write of the queue.</summary>
    private async Task<AppliedReport> ApplyReportAsync(BeFreeDbContext db, string messageSid, MessageStatus status, string? errorCode,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await db.Messages.AsNoTracking()
                .Where(m => m.TwilioSid == messageSid && m.Direction == MessageDirection.Outbound)
                .Select(m => new { m.Id, m.Status, m.ConversationId })
                .FirstOrDefaultAsync(cancellationToken);
            if (current is null)
            {
                logger.LogWarning("Ignored a status report for unknown message {MessageSid}", messageSid);
                return new AppliedReport(StatusUpdateOutcome.UnknownMessage);
            }
            if (!DeliveryStatus.CanMove(current.Status, status))
            {
                logger.LogDebug("Kept message {MessageId} at {Current}: {Reported} arrived late", current.Id, current.Status, status);
                return new AppliedReport(StatusUpdateOutcome.Unchanged);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var errorMessage = errorCode is null ? null : TwilioErrorCodes.Describe(errorCode);
            var applied = await SmallWriteQueue.InTransactionAsync(db, async () =>
            {
                // Conditional on the status just read: a concurrent report that won keeps its result.
                var changed = await db.Messages
                    .Where(m => m.Id == current.Id && m.Status == current.Status)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, status)
                        .SetProperty(m => m.StatusUpdatedUtc, now)
                        .SetProperty(m => m.ErrorCode, m => errorCode ?? m.ErrorCode)
                        .SetProperty(m => m.ErrorMessage, m => errorMessage ?? m.ErrorMessage),
                        cancellationToken);
                if (changed == 0)
                {
                    return null;
                }
                var optedOut = errorCode == TwilioErrorCodes.Unsubscribed
                    && await CarrierOptOut.RecordAsync(db, audit, current.ConversationId, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return new AppliedReport(StatusUpdateOutcome.Updated, current.ConversationId, optedOut);
            }, cancellationToken);
            if (applied is not null)
            {
                return applied;
            }
        }
        logger.LogWarning("Gave up applying a status report for {MessageSid} after concurrent updates", messageSid);
        return new AppliedReport(StatusUpdateOutcome.Unchanged);
    }

    /// <summary>
    /// Twilio has outbound message <paramref name="messageId"/> as <paramref name="messageSid"/>: written
    /// down if the message has no SID yet (its send's answer was lost, or it was held or discarded for
    /// want of one), so it is never sent again. A message that has a SID keeps it.
    /// </summary>
    private async Task RecordSidAsync(long messageId, string messageSid, CancellationToken cancellationToken)
    {
        var conversationId = await writes.WriteAsync(async (db, ct) =>
        {
            if (await db.Messages.AnyAsync(m => m.TwilioSid == messageSid, ct))
            {
                return (int?)null;
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var recorded = await db.Messages
                .Where(m => m.Id == messageId && m.Direction == MessageDirection.Outbound && m.TwilioSid == null
                    && (m.Status == MessageStatus.Queued || m.Status == MessageStatus.Sending
                        || m.Status == MessageStatus.Held || m.Status == MessageStatus.Discarded))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.TwilioSid, messageSid)
                    .SetProperty(m => m.Status, MessageStatus.Sending)
                    .SetProperty(m => m.StatusUpdatedUtc, now)
                    .SetProperty(m => m.NextAttemptUtc, (DateTime?)null)
                    .SetProperty(m => m.HeldBecause, (MessageHold?)null)
                    .SetProperty(m => m.ErrorCode, (string?)null)
                    .SetProperty(m => m.ErrorMessage, (string?)null),
                    ct);
            if (recorded != 1)
            {
                return null;
            }
            return await db.Messages.Where(m => m.Id == messageId).Select(m => m.ConversationId).SingleAsync(ct);
        }, cancellationToken);
        if (conversationId is { } id)
        {
            logger.LogInformation("Recorded SID {MessageSid} for message {MessageId} from Twilio's status report", messageSid, messageId);
            await notifier.PublishAsync(new ConversationChange(id, ConversationChangeKind.MessageStatusChanged));
        }
    }
}
