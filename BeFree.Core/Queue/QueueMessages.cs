namespace BeFree.Core.Queue;

/// <summary>What claiming and staff notices say to staff. In the reader's language: QueueMessages.resx (English), QueueMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class QueueMessages : CoreText<QueueMessages>;
