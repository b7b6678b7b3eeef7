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
    public string Body { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
}
