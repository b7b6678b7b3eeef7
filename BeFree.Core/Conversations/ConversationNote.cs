namespace BeFree.Core.Conversations;

public enum ConversationNoteKind
{
    /// <summary>Written by staff for staff.</summary>
    Note = 0,
    /// <summary>Written when a conversation is handed to another advocate.</summary>
    Transfer = 1,
    /// <summary>Written when a shift lead takes a conversation over.</summary>
    TakeOver = 2,
    /// <summary>Written when an advocate puts a conversation back in the queue.</summary>
    Release = 3,
}

/// <summary>An internal note on a conversation. Never sent to the texter.</summary>
public sealed class ConversationNote
{
    public long Id { get; set; }
    public int ConversationId { get; set; }
    public string? AuthorId { get; set; }
    public ConversationNoteKind Kind { get; set; }
    /// <summary>
    /// The person's own words. A transfer or take-over note written before <see cref="FromStaffId"/> existed holds the
    /// whole English sentence ("Transferred from A to B: …") instead; it is shown as stored.
    /// </summary>
    public string Body { get; set; } = "";
    /// <summary>Transfer and take-over: who held the conversation before. Kept apart so each reader sees the sentence in their language.</summary>
    public string? FromStaffId { get; set; }
    /// <summary>Transfer: who holds it now (a take-over's new holder is the author).</summary>
    public string? ToStaffId { get; set; }
    public DateTime CreatedUtc { get; set; }
}
