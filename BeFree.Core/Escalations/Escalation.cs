namespace BeFree.Core.Escalations;

public enum EscalationStatus
{
    Draft = 0,
    PendingApproval = 1,
    Approved = 2,
    Sent = 3,
    Acknowledged = 4,
    Withdrawn = 5,
}

public enum EscalationReason
{
    LaborTrafficking = 0,
    SexTrafficking = 1,
    ExploitationOfMinor = 2,
    ImminentDanger = 3,
    Other = 4,
}

public enum EscalationUrgency
{
    Routine = 0,
    Urgent = 1,
    Emergency = 2,
}

/// <summary>Why the hotline may pass this on: the texter's consent, or a mandatory-report exception.</summary>
public enum ReportBasis
{
    NotRecorded = 0,
    Consent = 1,
    MandatoryReportMinor = 2,
    MandatoryReportImminentDanger = 3,
}

/// <summary>A report about a conversation to a law-enforcement contact.</summary>
public sealed class Escalation
{
    public int Id { get; set; }
    public int ConversationId { get; set; }
    public int ContactId { get; set; }
    public LawEnforcementContact Contact { get; set; } = null!;

    public EscalationReason Reason { get; set; }
    public EscalationUrgency Urgency { get; set; }
    public string Summary { get; set; } = "";
    public ReportBasis Basis { get; set; }
    /// <summary>How consent was given, or why the exception applies.</summary>
    public string? BasisNote { get; set; }

    /// <summary>A concurrency token: every transition is conditional on the status it started from.</summary>
    public EscalationStatus Status { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string? ApprovedById { get; set; }
    public DateTime? ApprovedUtc { get; set; }
    public string? SentById { get; set; }
    public DateTime? SentUtc { get; set; }
    /// <summary>Sent by the advocate without a lead's approval because the risk was Imminent.</summary>
    public bool SentWithoutApproval { get; set; }
    public DateTime? AcknowledgedUtc { get; set; }
    /// <summary>The agency's case or report number, recorded on acknowledgement.</summary>
    public string? AgencyReference { get; set; }
    public DateTime? WithdrawnUtc { get; set; }

    /// <summary>The advocate says a minor is involved (the lexicon's "a minor" suggestion, the reason or the basis prefill it).</summary>
    public bool InvolvesMinor { get; set; }
    /// <summary>NCMEC's reporting category; required when the contact is the CyberTipline.</summary>
    public CyberTiplineCategory? CyberTiplineCategory { get; set; }
    /// <summary>The incident facts the CyberTipline form asks for, in its order. Optional for other agencies.</summary>
    public DateTime? IncidentUtc { get; set; }
    public string? IncidentLocation { get; set; }
    public string? IncidentPeople { get; set; }
    public string? OnlineIdentifiers { get; set; }

    public List<EscalationExcerptMessage> Excerpt { get; set; } = [];
    public List<EscalationEvent> Events { get; set; } = [];
}

/// <summary>The eight categories NCMEC's CyberTipline files reports under. Values are stored: never renumber.</summary>
public enum CyberTiplineCategory
{
    ChildPornography = 1,
    OnlineEnticement = 2,
    ChildSexTrafficking = 3,
    ChildSexTourism = 4,
    ExtrafamilialMolestation = 5,
    UnsolicitedObsceneMaterial = 6,
    MisleadingDomainName = 7,
    MisleadingWordsOrImages = 8,
}

/// <summary>A message the advocate chose for the packet's transcript excerpt.</summary>
public sealed class EscalationExcerptMessage
{
    public int EscalationId { get; set; }
    public long MessageId { get; set; }
}

public enum EscalationEventKind
{
    Created = 0,
    Edited = 1,
    Submitted = 2,
    Approved = 3,
    ReturnedToDraft = 4,
    Sent = 5,
    Acknowledged = 6,
    Withdrawn = 7,
}

/// <summary>One step in an escalation's timeline, as the printed packet shows it.</summary>
public sealed class EscalationEvent
{
    public long Id { get; set; }
    public int EscalationId { get; set; }
    public EscalationEventKind Kind { get; set; }
    public EscalationStatus FromStatus { get; set; }
    public EscalationStatus ToStatus { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public DateTime OccurredUtc { get; set; }
    public string? Note { get; set; }
}

/// <summary>An escalation request that breaks a rule or the escalation's current state. The message is safe to show.</summary>
public sealed class EscalationRuleException(string message) : Exception(message);
