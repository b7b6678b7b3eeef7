using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Queue;

/// <summary>One waiting conversation as the queue shows it. The number is masked.</summary>
public sealed record QueueItem(
    int ConversationId,
    string MaskedNumber,
    string Preview,
    DateTime CreatedUtc,
    DateTime QueuedUtc,
    RiskLevel Risk,
    RiskLevel? SuggestedRisk,
    string? SuggestedRiskReason,
    bool IsTraining,
    bool IsReturning,
    bool OptOutAlert,
    DateTime WaitingSinceUtc,
    ConversationLanguage Language = ConversationLanguage.English)
{
    /// <summary>What the queue sorts on: the higher of the assessed and the suggested risk.</summary>
    public RiskLevel Priority => SuggestedRisk is { } suggested && suggested > Risk ? suggested : Risk;
}

public enum ClaimOutcome
{
    Claimed,
    /// <summary>A repeated click: the actor already holds it.</summary>
    AlreadyYours,
    ClaimedByOther,
    AtCapacity,
    NotAvailable,
}

/// <summary>The result of a claim, with a message to show whoever clicked.</summary>
/// <summary>A claim's outcome; <see cref="Message"/> is in the reader's language.</summary>
public sealed record ClaimResult(ClaimOutcome Outcome, string Message, string? ClaimedByName = null)
{
    public bool Succeeded => Outcome is ClaimOutcome.Claimed or ClaimOutcome.AlreadyYours;
}

/// <summary>The live queue: what is waiting, and the atomic claim.</summary>
public sealed class QueueService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    ConversationNotifier notifier,
    IOptions<ConversationOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Unclaimed conversations, most urgent first, then by how long the texter has waited for a reply
    /// (<see cref="QueueItem.WaitingSinceUtc"/>), so a released conversation keeps its place; only those in <paramref name="language"/> when given.
    /// </summary>
    public async Task<IReadOnlyList<QueueItem>> ListAsync(string actorId, CancellationToken cancellationToken = default, ConversationLanguage? language = null)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await StaffAccess.RequireAsync(db, actorId, cancellationToken, ConversationAccess.AnsweringRoles);
        }
        var waiting = await ReadWaitingAsync(cancellationToken);
        return language is { } only ? waiting.Where(i => i.Language == only).ToList() : waiting;
    }

    /// <summary>
    /// The queue as every answering role sees it, without an access check: for the shared view
    /// (<see cref="QueueSnapshots"/>), whose callers are checked when they open it.
    /// </summary>
    internal async Task<IReadOnlyList<QueueItem>> ReadWaitingAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Queued)
            .Select(c => new
            {
                c.Id,
                c.Texter.PhoneNumber,
                // For a conversation that came back to the queue, what the texter wrote since is the news.
                // (Scalar subqueries: SQLite has no APPLY for a projected row.)
                SinceQueuedBody = c.Messages.Where(m => m.Direction == MessageDirection.Inbound && m.CreatedUtc >= c.QueuedUtc)
                    .OrderBy(m => m.CreatedUtc).ThenBy(m => m.Id).Select(m => m.Body).FirstOrDefault(),
                SinceQueuedMedia = c.Messages.Where(m => m.Direction == MessageDirection.Inbound && m.CreatedUtc >= c.QueuedUtc)
                    .OrderBy(m => m.CreatedUtc).ThenBy(m => m.Id).Select(m => (int?)m.NumMedia).FirstOrDefault(),
                FirstBody = c.Messages.Where(m => m.Direction == MessageDirection.Inbound)
                    .OrderBy(m => m.CreatedUtc).ThenBy(m => m.Id).Select(m => m.Body).FirstOrDefault(),
                FirstMedia = c.Messages.Where(m => m.Direction == MessageDirection.Inbound)
                    .OrderBy(m => m.CreatedUtc).ThenBy(m => m.Id).Select(m => (int?)m.NumMedia).FirstOrDefault(),
                c.CreatedUtc,
                c.QueuedUtc,
                // The texter's real wait: their oldest text since the last reply from staff (releasing never resets it).
                WaitingSinceUtc = c.Messages
                    .Where(m => m.Direction == MessageDirection.Inbound
                        && !c.Messages.Any(r => r.Direction == MessageDirection.Outbound && r.Origin == MessageOrigin.Advocate
                            && (r.CreatedUtc > m.CreatedUtc || (r.CreatedUtc == m.CreatedUtc && r.Id > m.Id))))
                    .Min(m => (DateTime?)m.CreatedUtc),
                c.Risk,
                c.SuggestedRisk,
                c.SuggestedRiskReason,
                c.IsTraining,
                c.IsReturning,
                c.OptOutAlert,
                c.Language,
            })
            .ToListAsync(cancellationToken);

        var previewLength = options.Value.PreviewLength;
        return rows
            .Select(r =>
            {
                var preview = r.SinceQueuedMedia is not null
                    ? Preview(r.SinceQueuedBody, r.SinceQueuedMedia.Value, previewLength)
                    : Preview(r.FirstBody, r.FirstMedia ?? 0, previewLength);
                return new QueueItem(r.Id, PhoneMasking.Mask(r.PhoneNumber), preview,
                    r.CreatedUtc, r.QueuedUtc, r.Risk, r.SuggestedRisk, r.SuggestedRiskReason, r.IsTraining, r.IsReturning, r.OptOutAlert,
                    // Answered and nothing new since (released after a reply): it waits from when it came back.
                    r.WaitingSinceUtc ?? r.QueuedUtc, r.Language);
            })
            .OrderByDescending(i => i.Priority)
            .ThenBy(i => i.WaitingSinceUtc)
            .ThenBy(i => i.QueuedUtc)
            .ThenBy(i => i.ConversationId)
            .ToList();
    }

    internal static string Preview(string? body, int numMedia, int length)
    {
        var text = string.Join(' ', (body ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0)
        {
            return numMedia > 0 ? "(picture or file, no text)" : "(no text yet)";
        }
        return text.Length <= length ? text : text[..length].TrimEnd() + "…";
    }

    /// <summary>
    /// Claims a waiting conversation. One conditional update decides the race: it assigns the
    /// conversation only if it is still queued and unassigned and the actor is under capacity, so of
    /// any number of simultaneous clicks exactly one changes a row.
    /// </summary>
    public async Task<ClaimResult> ClaimAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, ConversationAccess.AnsweringRoles);
        var now = clock.GetUtcNow().UtcDateTime;
        var capacity = actor.MaxConcurrentConversations;
        var actorKey = actor.Id;

        int rows;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Two claims by one advocate at once must not both see room under their capacity.
            await RowLocks.LockStaffAsync(db, actorKey, cancellationToken);
            rows = await db.Conversations
                .Where(c => c.Id == conversationId
                    && c.AssignedToId == null
                    && c.Status == ConversationStatus.Queued
                    && db.Conversations.Count(o => o.AssignedToId == actorKey && o.Status == ConversationStatus.Assigned) < capacity)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.AssignedToId, actorKey)
                    .SetProperty(c => c.Status, ConversationStatus.Assigned)
                    .SetProperty(c => c.ClaimedUtc, now), cancellationToken);
            if (rows == 1)
            {
                audit.Add(db, ConversationAccess.Actor(actor), AuditActions.ConversationClaimed, "conversation", conversationId.ToString());
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        if (rows == 1)
        {
            await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Claimed, actor.Id));
            return new ClaimResult(ClaimOutcome.Claimed, QueueMessages.Get("Claim_Yours"), actor.DisplayName);
        }
        return await ExplainRefusalAsync(db, actor, conversationId, cancellationToken);
    }

    private static async Task<ClaimResult> ExplainRefusalAsync(BeFreeDbContext db, StaffMember actor, int conversationId, CancellationToken cancellationToken)
    {
        var current = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new { c.Status, c.AssignedToId })
            .FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return new ClaimResult(ClaimOutcome.NotAvailable, QueueMessages.Get("Claim_NotFound"));
        }
        if (current.Status == ConversationStatus.Assigned && current.AssignedToId == actor.Id)
        {
            return new ClaimResult(ClaimOutcome.AlreadyYours, QueueMessages.Get("Claim_Yours"), actor.DisplayName);
        }
        if (current.Status == ConversationStatus.Assigned)
        {
            var name = await ConversationAccess.DisplayNameAsync(db, current.AssignedToId, cancellationToken);
            return new ClaimResult(ClaimOutcome.ClaimedByOther, QueueMessages.Get("Claim_ByOther", name), name);
        }
        if (current.Status == ConversationStatus.Closed)
        {
            return new ClaimResult(ClaimOutcome.NotAvailable, QueueMessages.Get("Claim_Closed"));
        }
        var held = await ConversationAccess.HeldBy(db, actor.Id).CountAsync(cancellationToken);
        if (held >= actor.MaxConcurrentConversations)
        {
            return new ClaimResult(ClaimOutcome.AtCapacity,
                held == 1
                    ? QueueMessages.Get("Claim_AtCapacityOne", held, actor.MaxConcurrentConversations)
                    : QueueMessages.Get("Claim_AtCapacity", held, actor.MaxConcurrentConversations));
        }
        // Released again between the update and this read: nothing was changed, so a retry is safe.
        return new ClaimResult(ClaimOutcome.NotAvailable, QueueMessages.Get("Claim_Changed"));
    }
}
