namespace BeFree.Core.Risk;

public enum RiskAssessmentKind
{
    /// <summary>An advocate set the level.</summary>
    Set = 0,
    /// <summary>The lexicon suggested a level from a text.</summary>
    SuggestionRaised = 1,
    SuggestionConfirmed = 2,
    SuggestionDismissed = 3,
}

/// <summary>One entry in a conversation's risk history. Rows are only ever added.</summary>
public sealed class RiskAssessment
{
    public long Id { get; set; }
    public int ConversationId { get; set; }
    public RiskAssessmentKind Kind { get; set; }
    /// <summary>The level set, suggested, confirmed or dismissed.</summary>
    public RiskLevel Level { get; set; }
    /// <summary>The conversation's assessed level before this entry.</summary>
    public RiskLevel PreviousLevel { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>Staff id; null for the system (lexicon suggestions).</summary>
    public string? ById { get; set; }
    public DateTime CreatedUtc { get; set; }
}
