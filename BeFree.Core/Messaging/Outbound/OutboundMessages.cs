using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Inbound;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>The one shape of a newly queued outbound text, shared by advocate replies and automatic ones.</summary>
internal static class OutboundMessages
{
    /// <summary>Stored on a text that failed because of an opt-out: English, whoever reads it.</summary>
    public static string OptedOutReason => MessagingMessages.English("OptedOut");

    public const string OutcomeUnknownReason =
        "Twilio may or may not have sent this: its answer was lost and Twilio could not be asked. Check with the texter's thread before sending again.";

    /// <summary>Stored on a held text: give it the English reason (<see cref="ContactDecision.EnglishReason"/>).</summary>
    public static string HeldByRulesReason(string? ruleReason)
        => "Held, not sent: the texter's safe-contact rules stop it now. " + ruleReason;

    public static Message NewQueued(int conversationId, string body, string? sentById, MessageOrigin origin, DateTime nowUtc, bool isOptOutConfirmation = false) => new()
    {
        ConversationId = conversationId,
        Direction = MessageDirection.Outbound,
        Origin = origin,
        Body = body,
        SentById = sentById,
        CreatedUtc = nowUtc,
        Status = MessageStatus.Queued,
        StatusUpdatedUtc = nowUtc,
        IsOptOutConfirmation = isOptOutConfirmation,
    };

    /// <summary>A reason the body cannot be sent, in the reader's language, or null when it can.</summary>
    public static string? ProblemWithBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return MessagingMessages.Get("Body_Empty");
        }
        var length = body.EnumerateRunes().Count();
        return length > InboundSms.MaxBodyCharacters
            ? MessagingMessages.Get("Body_TooLong", length, InboundSms.MaxBodyCharacters)
            : null;
    }
}
