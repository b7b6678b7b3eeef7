using BeFree.Core.Risk;

namespace BeFree.Core.Conversations;

public enum ConversationStatus
{
    /// <summary>Waiting in the queue for an advocate to claim it.</summary>
    Queued = 0,
    /// <summary>Claimed by <see cref="Conversation.AssignedToId"/>.</summary>
    Assigned = 1,
    Closed = 2,
}

public sealed class Conversation
{
    public int Id { get; set; }
    public int TexterId { get; set; }
    public Texter Texter { get; set; } = null!;

    public ConversationStatus Status { get; set; }
    /// <summary>The advocate who owns it; null while queued. Claims are a conditional update on this column.</summary>
    public string? AssignedToId { get; set; }

    public DateTime CreatedUtc { get; set; }
    /// <summary>When it (re)entered the queue: the waiting time counts from here.</summary>
    public DateTime QueuedUtc { get; set; }
    public DateTime LastMessageUtc { get; set; }
    public DateTime? ClaimedUtc { get; set; }
    public DateTime? FirstResponseUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    public string? Disposition { get; set; }
    public string? Summary { get; set; }

    public RiskLevel Risk { get; set; }
    /// <summary>From the keyword lexicon, until an advocate confirms or dismisses it.</summary>
    public RiskLevel? SuggestedRisk { get; set; }
    public string? SuggestedRiskReason { get; set; }

    /// <summary>Started from the training simulator: excluded from reports unless asked.</summary>
    public bool IsTraining { get; set; }
    /// <summary>Reopened because the texter wrote again after it was closed.</summary>
    public bool IsReturning { get; set; }
    /// <summary>The texter sent STOP in this conversation: the advocate must see it.</summary>
    public bool OptOutAlert { get; set; }

    /// <summary>Unread inbound messages for the assigned advocate.</summary>
    public int UnreadCount { get; set; }

    /// <summary>The language automatic texts go out in; detected from the texter's first texts, changeable by the advocate.</summary>
    public ConversationLanguage Language { get; set; }
    /// <summary>
    /// Set once the detector was sure or an advocate chose: later texts no longer change <see cref="Language"/>.
    /// </summary>
    public bool LanguageSettled { get; set; }

    /// <summary>
    /// The <see cref="QueuedUtc"/> of the wait a wait notice was sent (or considered) for: one notice per
    /// wait. The conditional update on this column is the claim between app servers.
    /// </summary>
    public DateTime? WaitNoticeForQueuedUtc { get; set; }

    /// <summary>Carrier location hints from Twilio. Unreliable: shown labelled as such.</summary>
    public string? FromCity { get; set; }
    public string? FromState { get; set; }
    public string? FromZip { get; set; }
    public string? FromCountry { get; set; }

    public List<Message> Messages { get; set; } = [];
}
