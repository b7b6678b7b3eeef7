using System.Collections.Concurrent;
using BeFree.Core.Conversations;

namespace BeFree.Tests.Web.Twilio.Support;

/// <summary>Records every live update published while it is alive.</summary>
public sealed class ChangeRecorder : IDisposable
{
    private readonly ConcurrentQueue<ConversationChange> _changes = new();
    private readonly IDisposable _subscription;

    public ChangeRecorder(ConversationNotifier notifier)
        => _subscription = notifier.Subscribe(change =>
        {
            _changes.Enqueue(change);
            return Task.CompletedTask;
        });

    public IReadOnlyList<ConversationChange> Changes => [.. _changes];

    public IReadOnlyList<ConversationChange> For(int conversationId, params ConversationChangeKind[] kinds)
        => _changes.Where(c => c.ConversationId == conversationId && (kinds.Length == 0 || kinds.Contains(c.Kind))).ToList();

    public void Dispose() => _subscription.Dispose();
}
