using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Inbound;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>The one shape of a newly queued outbound text, shared by advocate replies and automatic ones.</summary>
internal static class OutboundMessages
{
    public const string OptedOutReason = "The texter has opted out (STOP). BeFree cannot text them until they text START.";

    public const string OutcomeUnknownReason =
        "Twilio may or may not have sent this: its answer was lost and Twilio could not be asked. Check with the texter's thread before sending again.";

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

    /// <summary>A reason the body cannot be sent, or null when it can.</summary>
    public static string? ProblemWithBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "The message is empty.";
        }
        var length = body.EnumerateRunes().Count();
        return length > InboundSms.MaxBodyCharacters
            ? $"The message is {length} characters; the limit is {InboundSms.MaxBodyCharacters}."
            : null;
    }
}
