namespace BeFree.Core.Messaging;

/// <summary>What sending, attachments and the training simulator say to staff. In the reader's language: MessagingMessages.resx (English), MessagingMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class MessagingMessages : CoreText<MessagingMessages>;
