using BeFree.Core.Conversations;

namespace BeFree.Core.Messaging.Inbound;

/// <summary>
/// What an observer sees of one inbound text before it is committed. <see cref="Conversation"/>
/// is tracked: changes an observer makes to it (e.g. <see cref="Conversation.SuggestedRisk"/>)
/// are saved in the same transaction as the message, so the queue never shows the text without them.
/// </summary>
public sealed record InboundText(Conversation Conversation, Message Message, bool IsNewConversation, InboundKeyword Keyword);

/// <summary>
/// The seam for per-text analysis such as the risk-lexicon suggestion: every registered observer
/// is called for every inbound text, inside the inbound transaction. Keep it fast and local (no
/// network): Twilio is waiting for the answer. A throwing observer fails the webhook, which
/// Twilio then retries, so observers must not throw on ordinary text.
/// </summary>
public interface IInboundTextObserver
{
    ValueTask ObserveAsync(InboundText text, CancellationToken cancellationToken);
}
