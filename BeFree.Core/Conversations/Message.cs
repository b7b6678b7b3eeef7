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
