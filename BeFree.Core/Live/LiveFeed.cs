using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Live;

/// <summary>
/// One kind of live change (conversation changes, lead alerts, staff notices, presence) fanned out to
/// every open screen that subscribed. Services publish after their change is committed.
/// <para>
/// Contract:
/// <list type="bullet">
/// <item><b>Publishing never waits.</b> <see cref="Publish"/> offers the change to each subscription and
/// returns; no subscriber code runs on the publisher's thread: each delivery loop starts on the thread pool.</item>
/// <item><b>In order, one at a time, per subscriber.</b> Each subscription has its own small queue and its
/// own delivery loop: a handler is never called again before its previous call finished, and changes
/// reach it in the order they were published. Subscribers do not wait for one another.</item>
/// <item><b>Coalesced when behind.</b> At most <c>backlog</c> changes wait per subscription; when another
/// arrives, the oldest waiting one is dropped, so a subscriber that is behind always gets the latest
/// changes. A screen that re-reads whatever changed subscribes with a backlog of 1: any number of changes
/// during one re-read collapse into one more re-read. A filter runs before queueing, so a screen showing
/// one conversation keeps only that conversation's changes and always gets the latest of them.</item>
/// <item><b>A failing subscriber is logged</b> (with the feed's name) and keeps its subscription; it
/// never delays the publisher or other subscribers.</item>
/// <item><b>Disposal</b> stops delivery promptly: waiting changes are discarded, no further call starts,
/// the running call's token is cancelled. It never throws and may be repeated.</item>
/// <item><b>Every app server.</b> Given a shared <see cref="ILiveBus"/> (Redis), each change is also sent to the
/// other servers (as JSON, on a channel named after the feed), and their changes are published here to this
/// server's subscribers, exactly as local ones. Sending never waits either.</item>
/// </list>
/// </para>
/// </summary>
public sealed class LiveFeed<T>
{
    /// <summary>Enough for every change of a burst; a subscriber this far behind only needs the latest.</summary>
    public const int DefaultBacklog = 64;

    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private LiveSubscription<T>[] _subscriptions = [];
    private readonly ILiveBus? _bus;
    private readonly Action<T>? _received;

    /// <param name="bus">Other app servers; null or not shared: this server only.</param>
    /// <param name="received">Runs first for each change from another server (e.g. to remember it), on the bus's thread.</param>
    public LiveFeed(string name, ILogger logger, ILiveBus? bus = null, Action<T>? received = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _logger = logger;
        if (bus is { IsShared: true })
        {
            _bus = bus;
            _received = received;
            // Lives as long as the feed (a singleton's), like the bus itself.
            bus.Receive(name, FromOtherServer);
        }
    }

    /// <summary>Used in logs: which kind of live update a failing subscriber was on.</summary>
    public string Name { get; }

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <param name="handler">Called with each change, one call at a time; the token is cancelled when the subscription is disposed.</param>
    /// <param name="filter">Runs on the publisher's thread, so keep it to a comparison; only changes it accepts are queued.</param>
    /// <param name="backlog">How many changes may wait; 1 for screens that re-read whatever changed.</param>
    public LiveSubscription<T> Subscribe(Func<T, CancellationToken, Task> handler, Func<T, bool>? filter = null, int backlog = DefaultBacklog)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(backlog, 1);
        var subscription = new LiveSubscription<T>(this, handler, filter, backlog);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }
        return subscription;
    }

    /// <summary>Hands <paramref name="change"/> to every subscription (on every server) and returns at once.</summary>
    public void Publish(T change)
    {
        PublishHere(change);
        _bus?.Send(Name, JsonSerializer.Serialize(change));
    }

    private void PublishHere(T change)
    {
        // Copy-on-write: publishing takes no lock shared with subscribing.
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Offer(change);
        }
    }

    private void FromOtherServer(string json)
    {
        T change;
        try
        {
            change = JsonSerializer.Deserialize<T>(json)!;
        }
        catch (JsonException ex)
        {
            // A server on another version of BeFree during a rolling upgrade: its screens re-read at their next change.
            _logger.LogWarning(ex, "A change on the {Feed} live feed from another server could not be read", Name);
            return;
        }
        _received?.Invoke(change);
        PublishHere(change);
    }


    internal ILogger Logger => _logger;

    internal void Remove(LiveSubscription<T> subscription)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscriptions, subscription);
            if (index >= 0)
            {
                _subscriptions = [.. _subscriptions[..index], .. _subscriptions[(index + 1)..]];
            }
        }
    }
}

/// <summary>One subscriber's queue and delivery loop on a <see cref="LiveFeed{T}"/>. Dispose to stop.</summary>
public sealed class LiveSubscription<T> : IDisposable
{
    private readonly LiveFeed<T> _feed;
    private readonly Func<T, CancellationToken, Task> _handler;
    private readonly Func<T, bool>? _filter;
    private readonly int _backlog;
    private readonly Lock _gate = new();
    private readonly Queue<T> _waiting = new();
    private readonly CancellationTokenSource _stopped = new();
    private bool _draining;
    private bool _disposed;
    private TaskCompletionSource? _idle;

    internal LiveSubscription(LiveFeed<T> feed, Func<T, CancellationToken, Task> handler, Func<T, bool>? filter, int backlog)
    {
        _feed = feed;
        _handler = handler;
        _filter = filter;
        _backlog = backlog;
    }

    /// <summary>Changes dropped because this subscriber was behind (see the feed's coalescing rule).</summary>
    public long Coalesced { get; private set; }

    /// <summary>
    /// Completes once everything offered so far has been handled (or the subscription was disposed and its
    /// running call returned). For tests and shutdown; screens never need it.
    /// </summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (!_draining)
            {
                return Task.CompletedTask;
            }
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    internal void Offer(T change)
    {
        if (_filter is not null && !Accepts(change))
        {
            return;
        }
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            if (_waiting.Count >= _backlog)
            {
                _waiting.Dequeue();
                Coalesced++;
            }
            _waiting.Enqueue(change);
            if (_draining)
            {
                return; // The running loop picks it up.
            }
            _draining = true;
        }
        // Unsafe: the publisher's ExecutionContext (its HttpContext, logging scope, activity) must not flow
        // into another screen's handler. The publisher (a committed webhook, a click) only hands over.
        ThreadPool.UnsafeQueueUserWorkItem(static drain => _ = drain(), (Func<Task>)DrainAsync, preferLocal: false);
    }

    private bool Accepts(T change)
    {
        try
        {
            return _filter!(change);
        }
        catch (Exception ex)
        {
            _feed.Logger.LogWarning(ex, "A subscriber's filter on the {Feed} live feed failed; the change was not delivered to it", _feed.Name);
            return false;
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            T change = default!;
            bool stop;
            TaskCompletionSource? idle = null;
            lock (_gate)
            {
                stop = _disposed || !_waiting.TryDequeue(out change!);
                if (stop)
                {
                    _draining = false;
                    (idle, _idle) = (_idle, null);
                }
            }
            if (stop)
            {
                idle?.TrySetResult();
                return;
            }
            try
            {
                await _handler(change, _stopped.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopped.IsCancellationRequested)
            {
                // Disposed while handling: nothing to report.
            }
            catch (Exception ex)
            {
                _feed.Logger.LogWarning(ex, "A subscriber of the {Feed} live feed failed; it stays subscribed and others were not held up", _feed.Name);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _waiting.Clear();
        }
        _feed.Remove(this);
        // Cancellation callbacks (the handler's own continuations) run on the thread pool, not on the
        // disposing screen's thread; a callback's failure is the handler's business.
        _stopped.CancelAsync().ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
