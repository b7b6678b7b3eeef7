using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Conversations;

public sealed record ReplyResult(long MessageId, bool SafetyOverridden);

/// <summary>
/// An advocate's reply: only the holder may send, then the safe-contact rules decide, then the
/// outbound queue takes it. A shift lead holding the conversation may set aside do-not-text-back
/// and the safe window with a recorded reason; nobody may send to a texter who opted out.
/// Do-not-text-back allows a reply for <see cref="ConversationOptions.DoNotTextBackReplyMinutes"/>
/// after the texter's latest text. The sender checks the rules again when the text goes out.
/// </summary>
public sealed class ReplyService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    IOutboundQueue outbound,
    AuditLog audit,
    ConversationNotifier notifier,
    IOptions<ConversationOptions> options,
    TimeProvider clock)
{
    /// <summary>Twilio's limit for one message body.</summary>
    public const int MaxBodyLength = 1600;

    public async Task<ReplyResult> SendReplyAsync(string actorId, int conversationId, string body, string? overrideReason = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new ConversationActionException("Type a reply first.");
        }
        if (body.Length > MaxBodyLength)
        {
            throw new ConversationActionException($"A reply can be at most {MaxBodyLength} characters (this one has {body.Length}).");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireHolderAsync(db, actor, conversation, "reply", cancellationToken);

        var isLead = actor.IsInRole(StaffRoles.ShiftLead);
        var wantsOverride = !string.IsNullOrWhiteSpace(overrideReason);
        var flags = ContactFlags.From(conversation.Texter, await ContactFlagsReader.LastInboundUtcAsync(db, conversation.TexterId, cancellationToken));
        var decision = ContactSafetyPolicy.Evaluate(flags, clock.GetUtcNow(), options.Value.DoNotTextBackReplyWindow,
            isLead && wantsOverride ? overrideReason : null);
        if (!decision.IsAllowed)
        {
            await audit.WriteAsync(ConversationAccess.Actor(actor), AuditActions.ReplyRefused, "conversation", conversationId.ToString(),
                $"rules={string.Join(',', decision.Rules)}", cancellationToken);
            if (decision.Verdict == ContactVerdict.Refused)
            {
                throw new ContactRefusedException(decision.Reason!, leadMayOverride: false);
            }
            var how = isLead
                ? " To send anyway, give the reason for overriding."
                : wantsOverride
                    ? " Only a shift lead can override this."
                    : " A shift lead can override this with a recorded reason.";
            throw new ContactRefusedException(decision.Reason + how, leadMayOverride: true);
        }

        long messageId;
        try
        {
            messageId = await outbound.EnqueueAsync(conversationId, body, actor.Id, MessageOrigin.Advocate,
                decision.Overridden ? decision.Rules : null, cancellationToken);
        }
        catch (OutboundRefusedException refused)
        {
            // The texter opted out between the check and the send.
            throw new ContactRefusedException(refused.Message, leadMayOverride: false);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.Conversations
            .Where(c => c.Id == conversationId && c.FirstResponseUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.FirstResponseUtc, now), cancellationToken);
        var auditActor = ConversationAccess.Actor(actor);
        audit.Add(db, auditActor, AuditActions.ReplyQueued, "conversation", conversationId.ToString(), $"message={messageId}");
        if (decision.Overridden)
        {
            audit.Add(db, auditActor, AuditActions.ReplySafetyOverride, "conversation", conversationId.ToString(),
                $"message={messageId}; rules={string.Join(',', decision.Rules)}; reason={AuditText.Reason(overrideReason!)}");
        }
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.MessageAdded, actor.Id));
        return new ReplyResult(messageId, decision.Overridden);
    }
}
