using System.Collections.Concurrent;
using BeFree.Core.Conversations;
using BeFree.Core.Live;

namespace BeFree.Tests.Web.Twilio.Support;

/// <summary>
/// Records every live update published while it is alive. Live updates reach subscribers after the publisher
/// returned, so reads first wait until everything published so far has reached the recorder.
/// </summary>
public sealed class ChangeRecorder : IDisposable
{
    private readonly ConcurrentQueue<ConversationChange> _changes = new();
    private readonly LiveSubscription<ConversationChange> _subscription;

    public ChangeRecorder(ConversationNotifier notifier)
        => _subscription = notifier.Subscribe(change =>
        {
            _changes.Enqueue(change);
            return Task.CompletedTask;
        });

    public async Task<IReadOnlyList<ConversationChange>> AllAsync()
    {
        await _subscription.WhenIdleAsync().WaitAsync(Patience);
        return [.. _changes];
    }

    public async Task<IReadOnlyList<ConversationChange>> ForAsync(int conversationId, params ConversationChangeKind[] kinds)
        => (await AllAsync()).Where(c => c.ConversationId == conversationId && (kinds.Length == 0 || kinds.Contains(c.Kind))).ToList();

    public void Dispose() => _subscription.Dispose();
}
