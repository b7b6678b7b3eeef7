using Microsoft.Extensions.Logging;

namespace BeFree.Core.Risk;

public enum LeadAlertKind
{
    /// <summary>An advocate set a conversation's risk to Imminent.</summary>
    ImminentRisk,
    /// <summary>The lexicon suggested Imminent from a texter's words.</summary>
    ImminentRiskSuggested,
    /// <summary>An escalation waits for a shift lead's approval.</summary>
    EscalationAwaitingApproval,
    /// <summary>An advocate sent an escalation without approval because the risk was Imminent.</summary>
    EscalationSentWithoutApproval,
}

/// <summary>What a shift lead's screen shows. Carries ids and names only, never a text or a number.</summary>
public sealed record LeadAlert(LeadAlertKind Kind, int ConversationId, int? EscalationId, string Message, DateTime OccurredUtc);

/// <summary>
/// Live alerts for shift leads (every lead on shift subscribes from their screens). Same pattern as
/// the conversation notifier: publish after the change is saved; a failing subscriber never stops the others.
/// Keeps the last alerts so a lead who opens a screen sees what just happened.
/// </summary>
public sealed class LeadAlerts(ILogger<LeadAlerts> logger)
{
    private const int RecentCapacity = 50;
    private readonly Lock _gate = new();
    private Func<LeadAlert, Task>[] _handlers = [];
    private readonly LinkedList<LeadAlert> _recent = new();

    public IDisposable Subscribe(Func<LeadAlert, Task> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }
        return new Subscription(this, handler);
    }

    public int SubscriberCount => _handlers.Length;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<LeadAlert> Recent
    {
        get
        {
            lock (_gate)
            {
                return _recent.ToList();
            }
        }
    }

    public Task PublishAsync(LeadAlert alert)
    {
        Func<LeadAlert, Task>[] handlers;
        lock (_gate)
        {
            _recent.AddFirst(alert);
            while (_recent.Count > RecentCapacity)
            {
                _recent.RemoveLast();
            }
            handlers = _handlers;
        }
        return Task.WhenAll(handlers.Select(h => InvokeSafelyAsync(h, alert)));
    }

    private async Task InvokeSafelyAsync(Func<LeadAlert, Task> handler, LeadAlert alert)
    {
        try
        {
            await handler(alert);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A lead-alert subscriber failed on {Kind} for conversation {ConversationId}", alert.Kind, alert.ConversationId);
        }
    }

    private void Unsubscribe(Func<LeadAlert, Task> handler)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_handlers, handler);
            if (index >= 0)
            {
                _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(LeadAlerts owner, Func<LeadAlert, Task> handler) : IDisposable
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
}
