using BeFree.Core.Conversations;
using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>
/// Saves the reply first, then wakes <see cref="OutboundMessageSender"/>: once this returns, the
/// text will be sent even if the app restarts. The sender checks the safe-contact rules again when
/// it sends, in case STOP arrives or the texter's safe hours close in between.
/// </summary>
public sealed class OutboundMessageQueue(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    ConversationNotifier notifier,
    OutboundSignal signal,
    TimeProvider clock) : IOutboundQueue
{
    public async Task<long> EnqueueAsync(int conversationId, string body, string? sentById, MessageOrigin origin,
        IReadOnlyCollection<ContactRule>? overriddenRules = null, CancellationToken cancellationToken = default)
    {
        if (origin == MessageOrigin.Texter)
        {
            throw new ArgumentException("Outbound texts come from an advocate or BeFree itself, never from the texter.", nameof(origin));
        }
        if (OutboundMessages.ProblemWithBody(body) is { } problem)
        {
            throw new OutboundRefusedException(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.Include(c => c.Texter)
            .FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken)
            ?? throw new OutboundRefusedException(MessagingMessages.Get("Conversation_Gone"));
        if (conversation.Texter.IsOptedOut)
        {
            throw new OutboundRefusedException(MessagingMessages.Get("OptedOut"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var message = OutboundMessages.NewQueued(conversationId, body, sentById, origin, now);
        message.OverriddenRules = ContactSafetyPolicy.FormatRules(overriddenRules ?? []);
        db.Messages.Add(message);
        conversation.LastMessageUtc = now;
        if (origin == MessageOrigin.Advocate)
        {
            conversation.FirstResponseUtc ??= now;
        }
        await db.SaveChangesAsync(cancellationToken);

        signal.Signal();
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.MessageAdded, sentById));
        return message.Id;
    }
}
