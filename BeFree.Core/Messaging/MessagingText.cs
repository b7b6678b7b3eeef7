namespace BeFree.Core.Messaging;

/// <summary>What sending, attachments and the training simulator say to staff. In the reader's language: MessagingText.resx (English), MessagingText.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class MessagingText : CoreText<MessagingText>;
