using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Conversations;

/// <param name="AlreadySubmitted">
/// The same submission key was sent before (a double click or a resent form): nothing new was stored.
/// <paramref name="MessageId"/> is then the first submit's message, or 0 while that one is still being handed over.
/// </param>
public sealed record ReplyResult(long MessageId, bool SafetyOverridden, bool AlreadySubmitted = false);

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

    /// <summary>A draft may run past <see cref="MaxBodyLength"/> (the box shows the count); past this it is not kept.</summary>
    public const int MaxDraftLength = 8000;

    /// <summary>
    /// Sends a reply. With a <paramref name="submissionKey"/> (one per composed reply, from the reply box), a second
    /// submit with the same key stores nothing and answers <see cref="ReplyResult.AlreadySubmitted"/>: the key is the
    /// primary key of <see cref="ReplySubmission"/> with the conversation, so even two submits at once store one message.
    /// A sent reply clears the sender's draft for the conversation.
    /// </summary>
    public async Task<ReplyResult> SendReplyAsync(string actorId, int conversationId, string body, string? overrideReason = null,
        string? submissionKey = null, CancellationToken cancellationToken = default)
    {
        if (submissionKey is not null && (submissionKey.Length == 0 || submissionKey.Length > ReplySubmission.MaxKeyLength))
        {
            throw new ArgumentException($"A submission key has 1 to {ReplySubmission.MaxKeyLength} characters.", nameof(submissionKey));
        }
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new ConversationActionException(ConversationMessages.Get("Reply_Empty"));
        }
        if (body.Length > MaxBodyLength)
        {
            throw new ConversationActionException(ConversationMessages.Get("Reply_TooLong", MaxBodyLength, body.Length));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_Reply"), cancellationToken);
        if (submissionKey is not null && await PreviousSubmissionAsync(db, conversationId, submissionKey, cancellationToken) is { } previous)
        {
            return previous;
        }

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
                ? ConversationMessages.Get("Override_Lead")
                : wantsOverride
                    ? ConversationMessages.Get("Override_NotLead")
                    : ConversationMessages.Get("Override_Ask");
            throw new ContactRefusedException(decision.Reason + " " + how, leadMayOverride: true);
        }

        ReplySubmission? submission = null;
        if (submissionKey is not null)
        {
            submission = new ReplySubmission { ConversationId = conversationId, SubmissionKey = submissionKey, CreatedUtc = clock.GetUtcNow().UtcDateTime };
            db.ReplySubmissions.Add(submission);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same submit arrived at the same moment and took the key first: that one sends.
                db.ChangeTracker.Clear();
                return await PreviousSubmissionAsync(db, conversationId, submissionKey, cancellationToken)
                    ?? new ReplyResult(0, false, AlreadySubmitted: true);
            }
        }

        long messageId;
        try
        {
            messageId = await outbound.EnqueueAsync(conversationId, body, actor.Id, MessageOrigin.Advocate,
                decision.Overridden ? decision.Rules : null, cancellationToken);
        }
        catch (Exception failed)
        {
            if (submission is not null)
            {
                // Nothing was stored: the same reply may be tried again with the same key.
                await db.ReplySubmissions
                    .Where(r => r.ConversationId == conversationId && r.SubmissionKey == submissionKey && r.MessageId == null)
                    .ExecuteDeleteAsync(CancellationToken.None);
            }
            if (failed is OutboundRefusedException refused)
            {
                // The texter opted out between the check and the send.
                throw new ContactRefusedException(refused.Message, leadMayOverride: false);
            }
            throw;
        }
        if (submission is not null)
        {
            submission.MessageId = messageId;
        }
        var senderId = actor.Id;
        await db.ReplyDrafts.Where(d => d.ConversationId == conversationId && d.StaffId == senderId).ExecuteDeleteAsync(cancellationToken);

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

    private static async Task<ReplyResult?> PreviousSubmissionAsync(BeFreeDbContext db, int conversationId, string submissionKey,
        CancellationToken cancellationToken)
    {
        var previous = await db.ReplySubmissions.AsNoTracking()
            .Where(r => r.ConversationId == conversationId && r.SubmissionKey == submissionKey)
            .Select(r => new { r.MessageId })
            .FirstOrDefaultAsync(cancellationToken);
        return previous is null ? null : new ReplyResult(previous.MessageId ?? 0, false, AlreadySubmitted: true);
    }
}
