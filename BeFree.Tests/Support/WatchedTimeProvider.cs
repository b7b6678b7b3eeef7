using Microsoft.Extensions.Time.Testing;

namespace BeFree.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also lets a test wait until a background loop has started
/// waiting on it (a timer, so also <c>Task.Delay(span, clock)</c>). Moving the clock before the loop
/// waits would fire nothing, and a fixed sleep only hopes the loop got there: this is the signal.
/// </summary>
public sealed class WatchedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly object _gate = new();
    private readonly List<WatchedTimer> _timers = [];
    private TaskCompletionSource _timerCreated = NewSignal();

    /// <summary>Every timer created so far, in order.</summary>
    public IReadOnlyList<WatchedTimer> Timers
    {
        get
        {
            lock (_gate)
            {
                return [.. _timers];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource created;
        var watched = new WatchedTimer(dueTime == Timeout.InfiniteTimeSpan ? null : GetUtcNow() + dueTime);
        var timer = base.CreateTimer(s =>
        {
            watched.MarkFired();
            callback(s);
        }, state, dueTime, period);
        lock (_gate)
        {
            _timers.Add(watched);
            created = _timerCreated;
            _timerCreated = NewSignal();
        }
        created.TrySetResult();
        return timer;
    }

    /// <summary>Waits until a timer due at exactly <paramref name="due"/> exists (it may already), and returns it.</summary>
    public async Task<WatchedTimer> TimerDueAtAsync(DateTimeOffset due)
    {
        var deadline = Task.Delay(Patience);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_timers.LastOrDefault(t => t.Due == due) is { } found)
                {
                    return found;
                }
                next = _timerCreated.Task;
            }
            if (await Task.WhenAny(next, deadline) == deadline)
            {
                throw new TimeoutException($"Nothing started waiting until {due:O} within {Patience.TotalSeconds} s.");
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One timer created on a <see cref="WatchedTimeProvider"/>: when it was due, and whether it fired.</summary>
public sealed class WatchedTimer(DateTimeOffset? due)
{
    private readonly TaskCompletionSource _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DateTimeOffset? Due { get; } = due;

    public bool HasFired => _fired.Task.IsCompleted;

    internal void MarkFired() => _fired.TrySetResult();
}
