using Microsoft.Extensions.Logging;

namespace BeFree.Core.Conversations;

public enum ConversationChangeKind
{
    Created,
    MessageAdded,
    MessageStatusChanged,
    Claimed,
    Released,
    Transferred,
    Closed,
    Reopened,
    RiskChanged,
    OptOutChanged,
    Updated,
    /// <summary>One of the conversation's escalations was created or moved on (submitted, approved, returned, sent…).</summary>
    EscalationChanged,
}

/// <summary>What changed. Carries ids only: subscribers re-read what they show.</summary>
public sealed record ConversationChange(int ConversationId, ConversationChangeKind Kind, string? StaffId = null);

/// <summary>
/// In-process fan-out of conversation changes to every open screen (the eShop WebhookClient
/// pattern). Services publish only after <c>SaveChangesAsync</c> succeeded; components subscribe,
/// re-render through <c>InvokeAsync(StateHasChanged)</c> and dispose the subscription.
/// </summary>
public sealed class ConversationNotifier(ILogger<ConversationNotifier> logger)
{
    private readonly Lock _gate = new();
    private ImmutableHandlers _handlers = ImmutableHandlers.Empty;

    public IDisposable Subscribe(Func<ConversationChange, Task> handler)
    {
        lock (_gate)
        {
            _handlers = _handlers.Add(handler);
        }
        return new Subscription(this, handler);
    }

    /// <summary>Convenience for screens that re-read everything on any change.</summary>
    public IDisposable Subscribe(Func<Task> handler) => Subscribe(_ => handler());

    public int SubscriberCount => _handlers.Items.Length;

    /// <summary>
    /// Notifies every subscriber. One failing screen never stops the others nor the caller (a
    /// webhook that has already committed).
    /// </summary>
    public Task PublishAsync(ConversationChange change)
    {
        var handlers = _handlers.Items;
        if (handlers.Length == 0)
        {
            return Task.CompletedTask;
        }
        return Task.WhenAll(handlers.Select(h => InvokeSafelyAsync(h, change)));
    }

    private async Task InvokeSafelyAsync(Func<ConversationChange, Task> handler, ConversationChange change)
    {
        try
        {
            await handler(change);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A live-update subscriber failed on {Kind} for conversation {ConversationId}", change.Kind, change.ConversationId);
        }
    }

    private void Unsubscribe(Func<ConversationChange, Task> handler)
    {
        lock (_gate)
        {
            _handlers = _handlers.Remove(handler);
        }
    }

    private sealed class Subscription(ConversationNotifier owner, Func<ConversationChange, Task> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(handler);
            }
        }
    }

    /// <summary>Copy-on-write list so publishing never takes the lock.</summary>
    private sealed record ImmutableHandlers(Func<ConversationChange, Task>[] Items)
    {
        public static readonly ImmutableHandlers Empty = new([]);
        public ImmutableHandlers Add(Func<ConversationChange, Task> h) => new([.. Items, h]);
        public ImmutableHandlers Remove(Func<ConversationChange, Task> h)
        {
            var index = Array.IndexOf(Items, h);
            return index < 0 ? this : new([.. Items[..index], .. Items[(index + 1)..]]);
        }
    }
}
