using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Conversations;

/// <summary>A texter's block as the conversation page shows it to leads.</summary>
public sealed record TexterBlockView(int TexterId, bool IsBlocked, DateTime? BlockedUtc, string? BlockedByName, string? Reason);

/// <summary>
/// Blocking a texter (pranks, abuse): a shift lead's action with a reason, audited. The texter's open
/// conversations close with the <see cref="BlockedDisposition"/>; later texts are still stored and
/// readable on their latest conversation, which stays closed, so nothing of theirs enters the queue
/// (see <c>InboundThreading.Reopens</c>). Carrier keywords still work (STOP, START and HELP are
/// answered). Unblocking lets their next text reopen the conversation as usual.
/// </summary>
public sealed class TexterBlocking(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    ConversationNotifier notifier,
    TimeProvider clock)
{
    public const string BlockedDisposition = "Blocked number";
    public const int MaxReasonLength = 500;
    private static readonly string[] Leads = [StaffRoles.ShiftLead];

    public async Task<TexterBlockView> GetAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, Leads);
        var texter = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => c.Texter).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ConversationActionException(ConversationMessages.Get("NotFound"));
        var by = texter.BlockedById is null ? null : await ConversationAccess.DisplayNameAsync(db, texter.BlockedById, cancellationToken);
        return new TexterBlockView(texter.Id, texter.IsBlocked, texter.BlockedUtc, by, texter.BlockReason);
    }

    /// <summary>Blocks the conversation's texter and closes their open conversations. Blocking a blocked texter changes nothing.</summary>
    public async Task BlockAsync(string actorId, int conversationId, string reason, CancellationToken cancellationToken = default)
    {
        var reasonText = TypedText.Require(reason, ConversationMessages.Get("Field_BlockReason"), MaxReasonLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Leads);
        var texterId = await TexterIdAsync(db, conversationId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        List<int> closed;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The conditional update is the guard: of two leads blocking at once, one records it.
            var rows = await db.Texters.Where(t => t.Id == texterId && !t.IsBlocked)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(t => t.IsBlocked, true)
                    .SetProperty(t => t.BlockedUtc, now)
                    .SetProperty(t => t.BlockedById, actor.Id)
                    .SetProperty(t => t.BlockReason, reasonText), cancellationToken);
            if (rows == 0)
            {
                return;
            }
            closed = await db.Conversations.Where(c => c.TexterId == texterId && c.Status != ConversationStatus.Closed)
                .Select(c => c.Id).ToListAsync(cancellationToken);
            await db.Conversations.Where(c => c.TexterId == texterId && c.Status != ConversationStatus.Closed)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Status, ConversationStatus.Closed)
                    .SetProperty(c => c.ClosedUtc, now)
                    .SetProperty(c => c.Disposition, BlockedDisposition)
                    .SetProperty(c => c.UnreadCount, 0), cancellationToken);
            var who = ConversationAccess.Actor(actor);
            audit.Add(db, who, TexterAuditActions.TexterBlocked, "texter", texterId.ToString(CultureInfo.InvariantCulture),
                $"conversation={conversationId}; reason={AuditText.Reason(reasonText)}");
            foreach (var id in closed)
            {
                audit.Add(db, who, AuditActions.ConversationClosed, "conversation", id.ToString(CultureInfo.InvariantCulture),
                    $"disposition={BlockedDisposition}");
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var id in closed)
        {
            await notifier.PublishAsync(new ConversationChange(id, ConversationChangeKind.Closed, actor.Id));
        }
        if (!closed.Contains(conversationId))
        {
            await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Updated, actor.Id));
        }
    }

    /// <summary>Undoes a block; the texter's next text reopens their conversation as usual. The closed conversations stay closed.</summary>
    public async Task UnblockAsync(string actorId, int conversationId, string reason, CancellationToken cancellationToken = default)
    {
        var reasonText = TypedText.Require(reason, ConversationMessages.Get("Field_UnblockReason"), MaxReasonLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Leads);
        var texterId = await TexterIdAsync(db, conversationId, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var rows = await db.Texters.Where(t => t.Id == texterId && t.IsBlocked)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(t => t.IsBlocked, false)
                    .SetProperty(t => t.BlockedUtc, (DateTime?)null)
                    .SetProperty(t => t.BlockedById, (string?)null)
                    .SetProperty(t => t.BlockReason, (string?)null), cancellationToken);
            if (rows == 0)
            {
                return;
            }
            audit.Add(db, ConversationAccess.Actor(actor), TexterAuditActions.TexterUnblocked, "texter", texterId.ToString(CultureInfo.InvariantCulture),
                $"conversation={conversationId}; reason={AuditText.Reason(reasonText)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Updated, actor.Id));
    }

    private static async Task<int> TexterIdAsync(BeFreeDbContext db, int conversationId, CancellationToken cancellationToken)
        => await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => (int?)c.TexterId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ConversationActionException(ConversationMessages.Get("NotFound"));
}
