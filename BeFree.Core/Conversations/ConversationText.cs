namespace BeFree.Core.Conversations;

/// <summary>What the conversation rules say to staff. In the reader's language: ConversationText.resx (English), ConversationText.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class ConversationText : CoreText<ConversationText>;
