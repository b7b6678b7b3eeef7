namespace BeFree.Core.Retention;

/// <summary>One pass of the retention service: what it erased and up to when.</summary>
public sealed class RetentionRun
{
    public int Id { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime FinishedUtc { get; set; }
    /// <summary>Conversations closed before this instant had their message bodies erased.</summary>
    public DateTime CutoffUtc { get; set; }
    public int ConversationsAffected { get; set; }
    public int MessagesErased { get; set; }
    public int MediaErased { get; set; }
}
