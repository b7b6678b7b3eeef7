namespace BeFree.Core.Conversations;

public enum MessageDirection
{
    Inbound = 0,
    Outbound = 1,
}

/// <summary>Why an outbound message was sent.</summary>
public enum MessageOrigin
{
    Texter = 0,
    Advocate = 1,
    /// <summary>First-contact acknowledgement, HELP/INFO and STOP/START confirmations.</summary>
    Automatic = 2,
}

/// <summary>Delivery states as Twilio names them, plus Received for inbound texts.</summary>
public enum MessageStatus
{
    Received = 0,
    Queued = 1,
    Sending = 2,
    Sent = 3,
    Delivered = 4,
    Undelivered = 5,
    Failed = 6,
    Read = 7,
    /// <summary>
    /// Outbound, not sent and not retried on its own: either Twilio may or may not have it
    /// (<see cref="MessageHold.SendOutcomeUnknown"/>) or the safe-contact rules stopped it at the
    /// moment of sending (<see cref="MessageHold.ContactRules"/>). The holder sends it again or discards it.
    /// </summary>
    Held = 8,
    /// <summary>Outbound, held and then discarded by the advocate: never sent.</summary>
    Discarded = 9,
}

/// <summary>Why an outbound text is <see cref="MessageStatus.Held"/>.</summary>
public enum MessageHold
{
    /// <summary>A send reached Twilio or may have, and Twilio could not be asked whether it has the text.</summary>
    SendOutcomeUnknown = 1,
    /// <summary>At the moment of sending, the texter's safe-contact rules no longer allowed it.</summary>
    ContactRules = 2,
}

public sealed class Message
{
    public long Id { get; set; }
    public int ConversationId { get; set; }
    public Conversation Conversation { get; set; } = null!;

    public MessageDirection Direction { get; set; }
    public MessageOrigin Origin { get; set; }
    /// <summary>Twilio's MessageSid; unique, which is what makes inbound storage exactly-once.</summary>
    public string? TwilioSid { get; set; }
    public string Body { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    /// <summary>Staff id of the advocate who wrote an outbound reply.</summary>
    public string? SentById { get; set; }

    public MessageStatus Status { get; set; }
    public DateTime StatusUpdatedUtc { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    /// <summary>Outbound delivery attempts so far and when the background sender may try again.</summary>
    public int SendAttempts { get; set; }
    public DateTime? NextAttemptUtc { get; set; }
    /// <summary>When the last attempt was claimed, just before its request to Twilio: where a look-up at Twilio starts.</summary>
    public DateTime? LastAttemptUtc { get; set; }

    /// <summary>
    /// No earlier attempt can have reached Twilio: the last one was refused outright (a 4xx such as 429,
    /// or the connection was refused before anything was sent), or an advocate chose to send it again.
    /// An outbound text with attempts, no SID and this false has an unknown outcome: BeFree asks
    /// Twilio before sending it again.
    /// </summary>
    public bool SafeToResend { get; set; }

    /// <summary>Set with <see cref="MessageStatus.Held"/>; the reason is in <see cref="ErrorMessage"/>.</summary>
    public MessageHold? HeldBecause { get; set; }

    /// <summary>
    /// The safe-contact rules a shift lead set aside, with a recorded reason, when the text was
    /// queued (comma-separated <see cref="ContactRule"/> names). They still cover it when it is sent.
    /// </summary>
    public string? OverriddenRules { get; set; }

    /// <summary>
    /// The one confirmation of STOP. It is the only text that may still go to a texter who has
    /// opted out: every other outbound text to them is refused.
    /// </summary>
    public bool IsOptOutConfirmation { get; set; }

    /// <summary>When retention erased the body and media links; the row and its metadata stay.</summary>
    public DateTime? BodyErasedUtc { get; set; }

    public int NumMedia { get; set; }
    public List<MessageMedia> Media { get; set; } = [];
}

public sealed class MessageMedia
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public int Index { get; set; }
    public string Url { get; set; } = "";
    public string? ContentType { get; set; }
}
