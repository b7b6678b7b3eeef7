namespace BeFree.Core.Conversations;

/// <summary>
/// What one person has typed in one conversation's reply box and not sent yet. Kept in the database so it
/// survives switching conversation, a refresh, a dropped connection and a server restart.
/// </summary>
public sealed class ReplyDraft
{
    public int ConversationId { get; set; }
    public string StaffId { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// One submitted reply, by the key the reply box generated for it: the primary key (conversation, key) is
/// what lets a double click or a resent form store one message, not two.
/// </summary>
public sealed class ReplySubmission
{
    public const int MaxKeyLength = 64;

    public int ConversationId { get; set; }
    public string SubmissionKey { get; set; } = "";
    /// <summary>Null only while the first submit is handing the reply to the outbound queue.</summary>
    public long? MessageId { get; set; }
    public DateTime CreatedUtc { get; set; }
}
