using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;

namespace BeFree.Core.Queue;

public sealed record BoardWaitingItem(int ConversationId, string MaskedNumber, DateTime QueuedUtc, RiskLevel EffectiveRisk,
    bool IsTraining, bool IsReturning, bool PastTarget);

/// <summary>An assigned conversation; <see cref="AwaitingFirstResponsePastTarget"/> when the texter still has no human reply past the target.</summary>
public sealed record BoardConversationItem(int ConversationId, string MaskedNumber, RiskLevel EffectiveRisk, int UnreadCount,
    DateTime LastMessageUtc, bool AwaitingFirstResponsePastTarget, bool IsTraining);

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
    IReadOnlyList<EscalationListItem> AwaitingApproval);

/// <summary>What the board shows only to shift leads: the escalations awaiting their approval.</summary>
public sealed record LeadApprovals(bool CanApprove, IReadOnlyList<EscalationListItem> AwaitingApproval);
