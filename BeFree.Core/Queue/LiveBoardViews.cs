using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;

namespace BeFree.Core.Queue;

public sealed record BoardWaitingItem(int ConversationId, string MaskedNumber, DateTime QueuedUtc, RiskLevel EffectiveRisk,
    bool IsTraining, bool IsReturning, bool PastTarget);

/// <summary>An assigned conversation; <see cref="AwaitingFirstResponsePastTarget"/> when the texter still has no human reply past the target.</summary>
public sealed record BoardConversationItem(int ConversationId, string MaskedNumber, RiskLevel EffectiveRisk, int UnreadCount,
    DateTime LastMessageUtc, bool AwaitingFirstResponsePastTarget, bool IsTraining);

/// <summary>
/// An open conversation whose latest message (automatic ones aside) is the texter's, unanswered past the first-response
/// target: queued or held, answered before or not. <see cref="WaitingSinceUtc"/> is the texter's oldest unanswered text.
/// </summary>
public sealed record BoardAwaitingReplyItem(int ConversationId, string MaskedNumber, RiskLevel EffectiveRisk, string? HeldBy,
    DateTime WaitingSinceUtc, bool IsTraining);

public sealed record BoardAdvocate(
    string StaffId,
    string DisplayName,
    PresenceState Presence,
    DateTime? PresenceSinceUtc,
    int Load,
    int Capacity,
    /// <summary>High or Imminent conversations in a row, most recent first.</summary>
    int ConsecutiveHighRisk,
    bool SuggestCheckIn,
    bool PastStretchWithoutBreak,
    IReadOnlyList<BoardConversationItem> Conversations);

public sealed record BoardSnapshot(
    DateTime TakenUtc,
    TimeSpan FirstResponseTarget,
    int WaitingCount,
    DateTime? OldestQueuedUtc,
    int WaitingPastTargetCount,
    IReadOnlyDictionary<RiskLevel, int> OpenByRisk,
    IReadOnlyList<BoardWaitingItem> Waiting,
    IReadOnlyList<BoardAdvocate> Advocates,
    bool CanApproveEscalations,
    IReadOnlyList<EscalationListItem> AwaitingApproval)
{
    /// <summary>Every conversation waiting for a reply past the target, longest wait first.</summary>
    public IReadOnlyList<BoardAwaitingReplyItem> AwaitingReply { get; init; } = [];
}

/// <summary>What the board shows only to shift leads: the escalations awaiting their approval.</summary>
public sealed record LeadApprovals(bool CanApprove, IReadOnlyList<EscalationListItem> AwaitingApproval);
