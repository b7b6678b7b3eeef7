using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Risk;

namespace BeFree.Core.Messaging.Inbound;

/// <summary>What an inbound text did to its texter's opt-out.</summary>
internal enum OptOutChange
{
    None,
    OptedOut,
    OptedIn,
}

/// <summary>An automatic text an inbound text earns.</summary>
internal readonly record struct AutomaticReply(string Body, bool IsOptOutConfirmation);

/// <summary>
/// The decisions an inbound text makes, as plain code over the texter and conversations the batch
/// writer loaded: which conversation it joins (the open one, else the latest closed one, which
/// reopens, else a new one), what its keyword changes, whether it raises the suggested risk, and
/// which automatic replies it earns. <see cref="InboundBatchWriter"/> applies them in its transaction.
/// </summary>
internal static class InboundThreading
{
    /// <summary>The conversation a new text from this texter joins: the open one if any, else the latest closed one (to reopen); null for none.</summary>
    public static Conversation? ConversationToJoin(IEnumerable<Conversation> conversations)
    {
        var all = conversations as IReadOnlyCollection<Conversation> ?? conversations.ToList();
        return all.Where(c => c.Status != ConversationStatus.Closed).MaxBy(c => c.Id) ?? all.MaxBy(c => c.Id);
    }

    /// <summary>
    /// True when the text joins a closed conversation, which must reopen first. A blocked texter's
    /// text joins the closed conversation without reopening it: stored and readable, never queued.
    /// </summary>
    public static bool Reopens(Conversation conversation) => conversation.Status == ConversationStatus.Closed && conversation.Texter is not { IsBlocked: true };

    /// <summary>
    /// Until the conversation's language is settled, a text whose words tell the language sets and
    /// settles it (so "Hola" first, then "ok", stays Spanish). True when it changed anything.
    /// </summary>
    public static bool ApplyLanguage(Conversation conversation, ConversationLanguage? detected)
    {
        if (conversation.LanguageSettled || detected is not { } language)
        {
            return false;
        }
        conversation.Language = language;
        conversation.LanguageSettled = true;
        return true;
    }

    /// <summary>Training only where the simulator runs; a real line never takes the simulator's word for it.</summary>
    public static bool IsTraining(InboundSms sms, TwilioOptions settings) => sms.TrainingRequested && settings.IsSimulated;

    /// <summary>A first contact: a new conversation in the queue.</summary>
    public static Conversation StartConversation(Texter texter, bool isTraining, DateTime now) => new()
    {
        Texter = texter,
        Status = ConversationStatus.Queued,
        CreatedUtc = now,
        QueuedUtc = now,
        IsTraining = isTraining,
    };

    /// <summary>What every text changes on the conversation it joins: unread (if assigned), last message, where from (first known wins).</summary>
    public static void CountText(Conversation conversation, InboundSms sms, DateTime now)
    {
        if (conversation.Status == ConversationStatus.Assigned)
        {
            conversation.UnreadCount++;
        }
        conversation.LastMessageUtc = now;
        conversation.FromCity ??= sms.FromCity;
        conversation.FromState ??= sms.FromState;
        conversation.FromZip ??= sms.FromZip;
        conversation.FromCountry ??= sms.FromCountry;
    }

    /// <summary>STOP opts an opted-in texter out, START opts an opted-out texter back in; anything else changes nothing.</summary>
    public static OptOutChange ApplyKeyword(InboundKeyword keyword, Texter texter, Conversation conversation, DateTime now)
    {
        switch (keyword)
        {
            case InboundKeyword.OptOut when !texter.IsOptedOut:
                texter.IsOptedOut = true;
                texter.OptedOutUtc = now;
                conversation.OptOutAlert = true;
                return OptOutChange.OptedOut;
            case InboundKeyword.OptIn when texter.IsOptedOut:
                texter.IsOptedOut = false;
                texter.OptedOutUtc = null;
                conversation.OptOutAlert = false;
                return OptOutChange.OptedIn;
            default:
                return OptOutChange.None;
        }
    }

    /// <summary>
    /// Raises the conversation's suggested risk when the text's lexicon suggestion is above both the
    /// assessed and the suggested level; returns it then (to record). Never lowers anything.
    /// </summary>
    public static RiskSuggestion? RaiseSuggestedRisk(Conversation conversation, RiskSuggestion? suggestion)
    {
        if (suggestion is null
            || !RiskService.RaisesSuggestion(conversation.Status, conversation.Risk, conversation.SuggestedRisk, suggestion.Level))
        {
            return null;
        }
        conversation.SuggestedRisk = suggestion.Level;
        conversation.SuggestedRiskReason = RiskService.TruncateReason(suggestion.Reason);
        return suggestion;
    }

    /// <summary>
    /// The language of the automatic replies: a keyword in a language ("AYUDA", "PARAR") is answered
    /// in it, whatever the conversation's; otherwise the conversation's language.
    /// </summary>
    public static ConversationLanguage ReplyLanguage(Conversation conversation, InboundKeyword keyword, ConversationLanguage? detected)
        => keyword is not InboundKeyword.None && detected is { } language ? language : conversation.Language;

    /// <summary>
    /// Which automatic texts this inbound text earns. Only the STOP confirmation may go to an
    /// opted-out texter; a repeated STOP gets nothing.
    /// </summary>
    public static List<AutomaticReply> AutomaticReplies(
        TwilioOptions settings, InboundKeyword keyword, OptOutChange optOutChange, bool isNewConversation, bool optedOut,
        ConversationLanguage language = ConversationLanguage.English)
    {
        var replies = new List<AutomaticReply>();
        if (optOutChange == OptOutChange.OptedOut)
        {
            AddIfSet(replies, settings.AutomaticText(AutomaticTextKind.OptOut, language), isOptOutConfirmation: true);
            return replies;
        }
        if (optedOut)
        {
            return replies;
        }
        if (isNewConversation)
        {
            AddIfSet(replies, settings.AutomaticText(AutomaticTextKind.FirstContact, language));
        }
        if (optOutChange == OptOutChange.OptedIn)
        {
            AddIfSet(replies, settings.AutomaticText(AutomaticTextKind.OptIn, language));
        }
        if (keyword == InboundKeyword.Help)
        {
            AddIfSet(replies, settings.AutomaticText(AutomaticTextKind.Info, language));
        }
        return replies;
    }

    /// <summary>What open screens are told: the first of created, opt-out changed, reopened, message added.</summary>
    public static ConversationChangeKind ChangeKind(bool isNewConversation, OptOutChange optOutChange, bool reopened)
        => isNewConversation ? ConversationChangeKind.Created
            : optOutChange is not OptOutChange.None ? ConversationChangeKind.OptOutChanged
            : reopened ? ConversationChangeKind.Reopened
            : ConversationChangeKind.MessageAdded;

    private static void AddIfSet(List<AutomaticReply> replies, string? body, bool isOptOutConfirmation = false)
    {
        if (!string.IsNullOrWhiteSpace(body))
        {
            replies.Add(new AutomaticReply(body, isOptOutConfirmation));
        }
    }
}
