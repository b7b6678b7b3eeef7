using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Conversations;

/// <summary>Where a closed conversation goes when the texter writes again.</summary>
public sealed record ReopenDecision(bool BackToSameAdvocate, string? AdvocateId);

/// <summary>
/// Reopening when a texter writes again after their conversation was closed: back to the same
/// advocate if they are on shift (and still active), otherwise to the queue flagged as returning.
/// Called by the inbound path inside its own unit of work; it saves and then publishes
/// <see cref="ConversationChangeKind.Reopened"/>.
/// </summary>
public sealed class ConversationReopening(IStaffPresence presence, AuditLog audit, TimeProvider clock)
{
    public async Task<ReopenDecision> DecideAsync(BeFreeDbContext db, string? previousAdvocateId, CancellationToken cancellationToken = default)
    {
        if (previousAdvocateId is null || !presence.IsOnShift(previousAdvocateId))
        {
            return new ReopenDecision(false, null);
        }
        var stillActive = await db.Users.AsNoTracking().AnyAsync(u => u.Id == previousAdvocateId && u.IsActive, cancellationToken);
        return stillActive ? new ReopenDecision(true, previousAdvocateId) : new ReopenDecision(false, null);
    }

    /// <summary>
    /// Reopens a tracked, closed conversation in <paramref name="db"/> and adds the audit entry; the
    /// caller saves (with the new message) and publishes. Does nothing to a conversation that is open.
    /// </summary>
    public async Task<ReopenDecision?> ReopenAsync(BeFreeDbContext db, Conversation conversation, CancellationToken cancellationToken = default)
    {
        if (conversation.Status != ConversationStatus.Closed)
        {
            return null;
        }
        var decision = await DecideAsync(db, conversation.AssignedToId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        conversation.IsReturning = true;
        conversation.ClosedUtc = null;
        if (decision.BackToSameAdvocate)
        {
            // Their own returning texter: capacity does not keep them apart.
            conversation.Status = ConversationStatus.Assigned;
            conversation.AssignedToId = decision.AdvocateId;
            conversation.ClaimedUtc = now;
        }
        else
        {
            conversation.Status = ConversationStatus.Queued;
            conversation.AssignedToId = null;
            conversation.ClaimedUtc = null;
            conversation.QueuedUtc = now;
        }
        audit.Add(db, AuditActor.System, AuditActions.ConversationReopened, "conversation", conversation.Id.ToString(),
            decision.BackToSameAdvocate ? $"to={decision.AdvocateId}" : "to=queue");
        return decision;
    }
}
