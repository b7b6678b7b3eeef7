using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Queue;

/// <summary>
/// The shift lead's view of the whole floor at one instant: the queue, who is on shift with what
/// load, who may need a check-in, and escalations waiting for approval. Read-only; the board's
/// actions go through the services that own them (take over, reassign, approve, notices).
/// </summary>
public sealed class LiveBoardService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    StaffPresenceRegistry presence,
    EscalationService escalations,
    IOptions<BoardOptions> options,
    TimeProvider clock)
{
    /// <summary>How far back "in a row" looks for High/Imminent conversations.</summary>
    private static readonly TimeSpan RecentWork = TimeSpan.FromHours(24);

    public async Task<BoardSnapshot> GetSnapshotAsync(string actorId, CancellationToken cancellationToken = default)
    {
        var approvals = await GetApprovalsAsync(actorId, cancellationToken);
        var floor = await ReadFloorAsync(cancellationToken);
        return floor with { CanApproveEscalations = approvals.CanApprove, AwaitingApproval = approvals.AwaitingApproval };
    }

    /// <summary>
    /// The part of the board that depends on who looks: whether they may approve escalations (shift leads,
    /// not admins) and, if so, the escalations awaiting approval. Checks the actor's role now.
    /// </summary>
    public async Task<LeadApprovals> GetApprovalsAsync(string actorId, CancellationToken cancellationToken = default)
    {
        StaffMember actor;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.ShiftLead, StaffRoles.Admin);
        }
        var canApprove = actor.IsInRole(StaffRoles.ShiftLead);
        var awaiting = canApprove ? await escalations.ListAwaitingApprovalAsync(actorId, cancellationToken) : [];
        return new LeadApprovals(canApprove, awaiting);
    }

    /// <summary>
    /// The floor as every role that opens the board (shift lead, admin) may see it, without an access check
    /// and without approvals: for the shared view (<see cref="BoardSnapshots"/>), whose callers are checked when they open it.
    /// </summary>
    internal async Task<BoardSnapshot> ReadFloorAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var target = TimeSpan.FromMinutes(settings.FirstResponseTargetMinutes);

        var open = await db.Conversations.AsNoTracking()
            .Where(c => c.Status != ConversationStatus.Closed)
            .Select(c => new
            {
                c.Id,
                c.Status,
                c.AssignedToId,
                c.QueuedUtc,
                c.ClaimedUtc,
                c.FirstResponseUtc,
                c.LastMessageUtc,
                c.UnreadCount,
                c.Risk,
                c.SuggestedRisk,
                c.IsTraining,
                c.IsReturning,
                c.Texter.PhoneNumber,
                // As the queue's wait: the texter's oldest text with no reply from staff after it (automatic texts are no reply).
                WaitingSinceUtc = c.Messages
                    .Where(m => m.Direction == MessageDirection.Inbound
                        && !c.Messages.Any(r => r.Direction == MessageDirection.Outbound && r.Origin == MessageOrigin.Advocate
                            && (r.CreatedUtc > m.CreatedUtc || (r.CreatedUtc == m.CreatedUtc && r.Id > m.Id))))
                    .Min(m => (DateTime?)m.CreatedUtc),
            })
            .ToListAsync(cancellationToken);

        static RiskLevel Effective(RiskLevel risk, RiskLevel? suggested) => suggested is { } s && s > risk ? s : risk;

        var waiting = open.Where(c => c.Status == ConversationStatus.Queued)
            .Select(c => new BoardWaitingItem(c.Id, PhoneMasking.Mask(c.PhoneNumber), c.QueuedUtc, Effective(c.Risk, c.SuggestedRisk),
                c.IsTraining, c.IsReturning, now - c.QueuedUtc > target))
            .OrderByDescending(w => w.EffectiveRisk).ThenBy(w => w.QueuedUtc)
            .ToList();
        var openByRisk = Enum.GetValues<RiskLevel>().ToDictionary(level => level,
            level => open.Count(c => Effective(c.Risk, c.SuggestedRisk) == level));

        var assigned = open.Where(c => c.Status == ConversationStatus.Assigned && c.AssignedToId != null).ToLookup(c => c.AssignedToId!);

        // Staff shown: everyone who can answer texts and is on shift, plus anyone still holding open conversations.
        var advocateIds = await (from ur in db.UserRoles
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where r.Name == StaffRoles.Advocate
                                 select ur.UserId).Distinct().ToListAsync(cancellationToken);
        var shownIds = advocateIds.Where(presence.IsOnShift).Concat(assigned.Select(g => g.Key)).ToHashSet(StringComparer.Ordinal);
        var staff = await db.Users.AsNoTracking().Where(u => shownIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.MaxConcurrentConversations }).ToListAsync(cancellationToken);

        var since = now - RecentWork;
        var recentWork = await db.Conversations.AsNoTracking()
            .Where(c => c.AssignedToId != null && shownIds.Contains(c.AssignedToId) && c.ClaimedUtc != null && c.ClaimedUtc >= since)
            .Select(c => new { c.AssignedToId, c.ClaimedUtc, c.Risk, c.SuggestedRisk })
            .ToListAsync(cancellationToken);
        var recentByStaff = recentWork.ToLookup(c => c.AssignedToId!);

        var stretch = TimeSpan.FromMinutes(settings.StretchWithoutBreakMinutes);
        var advocates = staff.Select(s =>
            {
                var status = presence.GetStatus(s.Id);
                var consecutive = recentByStaff[s.Id].OrderByDescending(c => c.ClaimedUtc)
                    .TakeWhile(c => Effective(c.Risk, c.SuggestedRisk) >= RiskLevel.High).Count();
                var held = assigned[s.Id]
                    .Select(c => new BoardConversationItem(c.Id, PhoneMasking.Mask(c.PhoneNumber), Effective(c.Risk, c.SuggestedRisk),
                        c.UnreadCount, c.LastMessageUtc, c.FirstResponseUtc is null && now - c.QueuedUtc > target, c.IsTraining))
                    .OrderByDescending(c => c.EffectiveRisk).ThenByDescending(c => c.LastMessageUtc).ToList();
                return new BoardAdvocate(s.Id, s.DisplayName, status.State, status.Since, held.Count, s.MaxConcurrentConversations,
                    consecutive, consecutive >= settings.ConsecutiveHighRiskThreshold,
                    status.State == PresenceState.Online && status.Since is { } start && now - start > stretch,
                    held);
            })
            .OrderByDescending(a => a.Presence).ThenBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var names = staff.ToDictionary(s => s.Id, s => s.DisplayName, StringComparer.Ordinal);
        var awaitingReply = open
            .Where(c => c.WaitingSinceUtc is { } since && now - since > target)
            .Select(c => new BoardAwaitingReplyItem(c.Id, PhoneMasking.Mask(c.PhoneNumber), Effective(c.Risk, c.SuggestedRisk),
                c.Status == ConversationStatus.Assigned && c.AssignedToId is { } holder ? names.GetValueOrDefault(holder, "another advocate") : null,
                c.WaitingSinceUtc!.Value, c.IsTraining))
            .OrderBy(c => c.WaitingSinceUtc).ThenBy(c => c.ConversationId)
            .ToList();

        return new BoardSnapshot(now, target, waiting.Count, waiting.Count == 0 ? null : waiting.Min(w => w.QueuedUtc),
            waiting.Count(w => w.PastTarget), openByRisk, waiting, advocates, CanApproveEscalations: false, AwaitingApproval: [])
        {
            AwaitingReply = awaitingReply,
        };
    }
}
