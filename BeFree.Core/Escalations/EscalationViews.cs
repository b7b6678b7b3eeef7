using BeFree.Core.Conversations;
using BeFree.Core.Risk;

namespace BeFree.Core.Escalations;

/// <summary>What the advocate fills in. Drafts may be incomplete; submitting or sending checks completeness.</summary>
public sealed record EscalationDraft(
    int ContactId,
    EscalationReason Reason,
    EscalationUrgency Urgency,
    string? Summary,
    ReportBasis Basis,
    string? BasisNote,
    IReadOnlyCollection<long>? ExcerptMessageIds = null);

public sealed record EscalationEventView(
    EscalationEventKind Kind,
    EscalationStatus FromStatus,
    EscalationStatus ToStatus,
    string ActorName,
    DateTime OccurredUtc,
    string? Note);

public sealed record EscalationView(
    int Id,
    int ConversationId,
    LawEnforcementContactView Contact,
    EscalationReason Reason,
    EscalationUrgency Urgency,
    string Summary,
    ReportBasis Basis,
    string? BasisNote,
    EscalationStatus Status,
    string CreatedByName,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    string? ApprovedByName,
    DateTime? ApprovedUtc,
    DateTime? SentUtc,
    bool SentWithoutApproval,
    DateTime? AcknowledgedUtc,
    string? AgencyReference,
    IReadOnlyList<long> ExcerptMessageIds,
    IReadOnlyList<EscalationEventView> Timeline,
    /// <summary>The conversation's assessed risk now: Imminent lets the advocate send without approval.</summary>
    RiskLevel ConversationRisk);

public sealed record EscalationListItem(
    int Id,
    int ConversationId,
    string Agency,
    EscalationStatus Status,
    EscalationReason Reason,
    EscalationUrgency Urgency,
    string CreatedByName,
    DateTime UpdatedUtc);

public sealed record PacketMessage(long Id, MessageDirection Direction, DateTime CreatedUtc, string Body);

/// <summary>The printable packet: contact, summary, the excerpt the advocate chose, and the timeline.</summary>
public sealed record EscalationPacket(
    EscalationView Escalation,
    string MaskedNumber,
    string? FromCity,
    string? FromState,
    RiskLevel Risk,
    IReadOnlyList<PacketMessage> Excerpt,
    DateTime GeneratedUtc,
    string GeneratedByName);
