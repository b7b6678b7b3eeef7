using BeFree.Core.Conversations;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>
/// Saves an outbound text as <see cref="MessageStatus.Queued"/> and wakes the background sender.
/// The only way anything is texted to a texter. Refuses (throws <see cref="OutboundRefusedException"/>)
/// when the texter has opted out (STOP): nobody can override that.
/// Who may reply and the safe-contact rules are checked by the caller before this; the sender
/// checks the rules again at the moment of sending, where <paramref name="overriddenRules"/> (a
/// shift lead's recorded override) still covers the rules it names.
/// </summary>
public interface IOutboundQueue
{
    Task<long> EnqueueAsync(int conversationId, string body, string? sentById, MessageOrigin origin,
        IReadOnlyCollection<ContactRule>? overriddenRules = null, CancellationToken cancellationToken = default);
}

/// <summary>An outbound message that Core refused to send. The message is safe to show the advocate.</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);
