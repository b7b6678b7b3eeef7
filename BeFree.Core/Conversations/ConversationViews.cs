using BeFree.Core.Risk;

namespace BeFree.Core.Conversations;

/// <summary>A row of "My conversations".</summary>
public sealed record MyConversationItem(
    int ConversationId,
    string MaskedNumber,
    string LastMessagePreview,
    DateTime LastMessageUtc,
    int UnreadCount,
    RiskLevel Risk,
    RiskLevel? SuggestedRisk,
    bool IsTraining,
    bool IsReturning,
    bool OptOutAlert,
    DateTime? ClaimedUtc,
    ConversationLanguage Language = ConversationLanguage.English,
    // When the oldest texter message nobody has answered yet arrived (an automatic reply is no answer); null when all are.
    DateTime? WaitingSinceUtc = null);

public sealed record ThreadMessage(
    long Id,
    MessageDirection Direction,
    MessageOrigin Origin,
    string Body,
    DateTime CreatedUtc,
    MessageStatus Status,
    DateTime StatusUpdatedUtc,
    string? SentByName,
    string? ErrorMessage,
    int NumMedia)
{
    /// <summary>The texter's attachments, in the order Twilio listed them.</summary>
    public IReadOnlyList<ThreadMedia> Media { get; init; } = [];
}

/// <summary>One attachment of a text: opened through BeFree (Twilio keeps it behind a password), unless erased.</summary>
public sealed record ThreadMedia(int Index, string? ContentType, bool Erased);

public sealed record NoteView(long Id, ConversationNoteKind Kind, string Body, DateTime CreatedUtc, string AuthorName);

/// <summary>The texter's safe-contact flags as the advocate sees them (the code word is shown to staff).</summary>
public sealed record TexterSafety(
    bool IsOptedOut,
    DateTime? OptedOutUtc,
    bool DoNotTextBack,
    TimeOnly? SafeWindowStart,
    TimeOnly? SafeWindowEnd,
    string? TimeZoneId,
    string? CodeWord,
    bool NeutralWordingReminder)
{
    internal static TexterSafety From(Texter t) => new(t.IsOptedOut, t.OptedOutUtc, t.DoNotTextBack, t.SafeWindowStart,
        t.SafeWindowEnd, t.TimeZoneId, t.CodeWord, t.NeutralWordingReminder);
}

public sealed record EarlierConversation(
    int ConversationId,
    ConversationStatus Status,
    DateTime CreatedUtc,
    DateTime? ClosedUtc,
    string? Disposition,
    string? Summary,
    RiskLevel Risk,
    string? AdvocateName);

/// <summary>Everything the conversation page shows. The number is masked; revealing it is a separate, audited call.</summary>
public sealed record ConversationDetail(
    int ConversationId,
    int TexterId,
    ConversationStatus Status,
    string? AssignedToId,
    string? AssignedToName,
    /// <summary>The actor holds it, so may reply, release, transfer, close and set risk.</summary>
    bool IsMine,
    string MaskedNumber,
    TexterSafety Safety,
    /// <summary>Whether a reply could be sent right now, and if not why: shown before the advocate types.</summary>
    ContactDecision ContactCheck,
    RiskLevel Risk,
    RiskLevel? SuggestedRisk,
    string? SuggestedRiskReason,
    bool IsTraining,
    bool IsReturning,
    bool OptOutAlert,
    int UnreadCount,
    DateTime CreatedUtc,
    DateTime QueuedUtc,
    DateTime? ClaimedUtc,
    DateTime? FirstResponseUtc,
    DateTime? ClosedUtc,
    string? Disposition,
    string? Summary,
    /// <summary>Carrier location hints: unreliable, show them labelled as such.</summary>
    string? FromCity,
    string? FromState,
    string? FromZip,
    string? FromCountry,
    IReadOnlyList<ThreadMessage> Messages,
    IReadOnlyList<NoteView> Notes,
    IReadOnlyList<EarlierConversation> EarlierConversations,
    /// <summary>The language automatic texts go out in; canned responses in it are offered first.</summary>
    ConversationLanguage Language = ConversationLanguage.English);

/// <summary>Someone a conversation can be transferred to.</summary>
public sealed record TransferTarget(string StaffId, string DisplayName, int OpenConversations, int Capacity, bool IsOnShift)
{
    public bool HasCapacity => OpenConversations < Capacity;
}

/// <summary>What to say about a list of transfer or reassignment targets before anyone picks from it.</summary>
public static class TransferChoices
{
    /// <summary>Why nobody (or nobody on shift) can take the conversation, or null when someone online has room.</summary>
    public static string? Explain(IReadOnlyList<TransferTarget> targets)
    {
        if (targets.Count == 0)
        {
            return ConversationMessages.Get("Transfer_NoAdvocate");
        }
        if (!targets.Any(t => t.HasCapacity))
        {
            return ConversationMessages.Get("Transfer_AllFull");
        }
        if (!targets.Any(t => t.IsOnShift))
        {
            return ConversationMessages.Get("Transfer_NoneOnline");
        }
        if (!targets.Any(t => t.IsOnShift && t.HasCapacity))
        {
            return ConversationMessages.Get("Transfer_OnlineFull");
        }
        return null;
    }
}
