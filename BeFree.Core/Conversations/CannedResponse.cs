namespace BeFree.Core.Conversations;

/// <summary>A prepared reply advocates can insert and edit before sending. Managed by shift leads and admins.</summary>
public sealed class CannedResponse
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The language it is written in: reply boxes offer those of the conversation's language first.</summary>
    public ConversationLanguage Language { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string? UpdatedById { get; set; }
}
