using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>
/// What the conversation's holder may do with a <see cref="MessageStatus.Held"/> text: send it again
/// or discard it. Both are audited. Sending again after an unknown outcome is the advocate's
/// informed choice that a second copy is acceptable; after a safe-contact hold the rules are checked
/// again now (and again by the sender), and only a shift lead may set them aside, with a reason.
/// </summary>
public sealed class HeldMessageService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    ConversationNotifier notifier,
    OutboundSignal signal,
    IOptions<ConversationOptions> options,
    TimeProvider clock)
{
    public async Task SendAgainAsync(string actorId, long messageId, string? overrideReason = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (actor, message, conversation) = await LoadHeldAsync(db, actorId, messageId, ConversationMessages.Get("Do_SendAgain"), cancellationToken);

        var overridden = ContactSafetyPolicy.ParseRules(message.OverriddenRules).ToList();
        var isLead = actor.IsInRole(StaffRoles.ShiftLead);
        var leadReason = isLead && !string.IsNullOrWhiteSpace(overrideReason) ? overrideReason : null;
        var flags = ContactFlags.From(conversation.Texter, await ContactFlagsReader.LastInboundUtcAsync(db, conversation.TexterId, cancellationToken));
        var decision = ContactSafetyPolicy.Evaluate(flags, clock.GetUtcNow(), options.Value.DoNotTextBackReplyWindow);
        var uncovered = message.IsOptOutConfirmation ? [] : ContactSafetyPolicy.UncoveredRules(decision, overridden);
        if (uncovered.Contains(ContactRule.OptedOut))
        {
            throw new ContactRefusedException(decision.Reason!, leadMayOverride: false);
        }
        if (uncovered.Count > 0 && leadReason is null)
        {
            throw new ContactRefusedException(decision.Reason + " " + (isLead
                ? ConversationMessages.Get("Override_Lead")
                : ConversationMessages.Get("Override_Ask")), leadMayOverride: true);
        }
        overridden.AddRange(uncovered);

        var now = clock.GetUtcNow().UtcDateTime;
        var wasUnknown = message.HeldBecause == MessageHold.SendOutcomeUnknown;
        var requeued = await db.Messages
            .Where(m => m.Id == messageId && m.Status == MessageStatus.Held && m.TwilioSid == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Queued)
                .SetProperty(m => m.StatusUpdatedUtc, now)
                .SetProperty(m => m.HeldBecause, (MessageHold?)null)
                .SetProperty(m => m.NextAttemptUtc, (DateTime?)null)
                .SetProperty(m => m.ErrorCode, (string?)null)
                .SetProperty(m => m.ErrorMessage, (string?)null)
                .SetProperty(m => m.OverriddenRules, ContactSafetyPolicy.FormatRules(overridden))
                // After an unknown outcome the advocate has chosen to send without asking Twilio again.
                .SetProperty(m => m.SafeToResend, m => wasUnknown || m.SafeToResend),
                cancellationToken);
        if (requeued == 0)
        {
            throw new ConversationActionException(MessagingMessages.Get("Held_NoLonger"));
        }
        var auditActor = ConversationAccess.Actor(actor);
        var subject = messageId.ToString(CultureInfo.InvariantCulture);
        audit.Add(db, auditActor, MessagingAuditActions.HeldMessageResent, "message", subject,
            $"conversation={conversation.Id}; was={message.HeldBecause}");
        if (uncovered.Count > 0)
        {
            audit.Add(db, auditActor, AuditActions.ReplySafetyOverride, "conversation", conversation.Id.ToString(CultureInfo.InvariantCulture),
                $"message={messageId}; rules={string.Join(',', uncovered)}; reason={AuditText.Reason(leadReason!)}");
        }
        await db.SaveChangesAsync(cancellationToken);
        signal.Signal();
        await notifier.PublishAsync(new ConversationChange(conversation.Id, ConversationChangeKind.MessageStatusChanged, actor.Id));
    }

    public async Task DiscardAsync(string actorId, long messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (actor, message, conversation) = await LoadHeldAsync(db, actorId, messageId, ConversationMessages.Get("Do_Discard"), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var discarded = await db.Messages
            .Where(m => m.Id == messageId && m.Status == MessageStatus.Held && m.TwilioSid == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Discarded)
                .SetProperty(m => m.StatusUpdatedUtc, now)
                .SetProperty(m => m.NextAttemptUtc, (DateTime?)null)
                .SetProperty(m => m.ErrorMessage, $"Discarded by {actor.DisplayName}: not sent by BeFree."),
                cancellationToken);
        if (discarded == 0)
        {
            throw new ConversationActionException(MessagingMessages.Get("Held_NoLonger"));
        }
        audit.Add(db, ConversationAccess.Actor(actor), MessagingAuditActions.HeldMessageDiscarded, "message",
            messageId.ToString(CultureInfo.InvariantCulture), $"conversation={conversation.Id}; was={message.HeldBecause}");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new ConversationChange(conversation.Id, ConversationChangeKind.MessageStatusChanged, actor.Id));
    }

    private static async Task<(StaffMember Actor, Message Message, Conversation Conversation)> LoadHeldAsync(
        BeFreeDbContext db, string actorId, long messageId, string toDoWhat, CancellationToken cancellationToken)
    {
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var message = await db.Messages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == messageId && m.Direction == MessageDirection.Outbound, cancellationToken)
            ?? throw new ConversationActionException(MessagingMessages.Get("Held_Gone"));
        var conversation = await ConversationAccess.LoadAsync(db, message.ConversationId, track: false, cancellationToken);
        await ConversationAccess.RequireHolderAsync(db, actor, conversation, toDoWhat, cancellationToken);
        if (message.Status != MessageStatus.Held || message.TwilioSid is not null)
        {
            throw new ConversationActionException(MessagingMessages.Get("Held_Not"));
        }
        return (actor, message, conversation);
    }
}
