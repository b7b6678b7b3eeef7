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
    IReadOnlyCollection<long>? ExcerptMessageIds = null,
    CyberTiplineFacts? CyberTipline = null);

/// <summary>
/// The CyberTipline part of the form: whether a minor is involved, NCMEC's category and the incident
/// facts in the order NCMEC's form asks for them. The escalation's summary is the incident description.
/// </summary>
public sealed record CyberTiplineFacts(
    bool InvolvesMinor,
    CyberTiplineCategory? Category = null,
    DateTime? IncidentUtc = null,
    string? Location = null,
    string? People = null,
    string? OnlineIdentifiers = null);

/// <summary>One labelled line of a packet section.</summary>
public sealed record PacketField(string Label, string Value);

/// <summary>A packet section in the order the receiving agency's form asks for its facts.</summary>
public sealed record PacketSection(string Heading, IReadOnlyList<PacketField> Fields);

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
    RiskLevel ConversationRisk,
    CyberTiplineFacts CyberTipline,
    /// <summary>The contact is NCMEC's CyberTipline: the category and incident facts are required.</summary>
    bool IsCyberTipline);

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
    string GeneratedByName,
    /// <summary>Agency-specific sections (the CyberTipline report), each in the agency form's order.</summary>
    IReadOnlyList<PacketSection> Sections);
