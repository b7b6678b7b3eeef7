namespace BeFree.Tests.Core.Retention;

/// <summary>
/// A clock the test moves, whose timers (and so <c>Task.Delay(span, clock)</c>) fire only when the
/// test moves it past their due time. Lets a background loop be driven step by step.
/// </summary>
public sealed class TimerClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>True when some timer waits to fire at exactly <paramref name="due"/>.</summary>
    public bool HasTimerDueAt(DateTimeOffset due)
    {
        lock (_gate)
        {
            return _timers.Any(t => t.Due == due);
        }
    }

    public void Advance(TimeSpan by)
    {
        List<Timer> fired;
        lock (_gate)
        {
            _now += by;
            fired = _timers.Where(t => t.Due <= _now).ToList();
            foreach (var timer in fired)
            {
                if (timer.Period == Timeout.InfiniteTimeSpan || timer.Period == TimeSpan.Zero)
                {
                    _timers.Remove(timer);
                }
                else
                {
                    timer.Due = _now + timer.Period;
                }
            }
        }
        foreach (var timer in fired)
        {
            timer.Fire();
        }
    }

    private sealed class Timer(TimerClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }
        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                Period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = clock._now + dueTime;
                    clock._timers.Add(this);
                }
            }
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
