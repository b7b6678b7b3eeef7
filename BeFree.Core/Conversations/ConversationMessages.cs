namespace BeFree.Core.Conversations;

/// <summary>What the conversation rules say to staff. In the reader's language: ConversationMessages.resx (English), ConversationMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class ConversationMessages : CoreText<ConversationMessages>;
