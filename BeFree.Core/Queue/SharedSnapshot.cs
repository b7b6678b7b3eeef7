using BeFree.Core.Live;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Queue;

/// <summary>A view computed once and shared by every screen showing it; a later one has a higher version.</summary>
public interface ISharedSnapshot
{
    long Version { get; }
}

/// <summary>
/// One view (the queue, the board) computed once per change and handed to every screen that shows it, so
/// the database work per change does not grow with the number of open screens.
/// <list type="bullet">
/// <item><b>Coalesced:</b> <see cref="Invalidate"/> starts a computation; changes while one runs collapse into
/// exactly one more. Computations never overlap, so versions reach subscribers in order.</item>
/// <item><b>Only when watched:</b> with nobody subscribed a change only marks the view stale; the next
/// <see cref="GetAsync"/> computes it.</item>
/// <item><b>A failing computation is logged</b>; the last good view stays current and the next change recovers.</item>
/// <item><b>Settled:</b> a computation started by a change first waits the settle time, so changes arriving
/// together (a burst of texts) share one read.</item>
/// <item>Delivery goes through a <see cref="LiveFeed{T}"/> with a backlog of 1: a slow screen gets the latest view.</item>
/// </list>
/// </summary>
public sealed class SharedSnapshot<T> : IDisposable where T : class, ISharedSnapshot
{
    private readonly string _name;
    private readonly Func<long, CancellationToken, Task<T>> _compute;
    private readonly ILogger _logger;
    private readonly TimeSpan _settle;
    private readonly LiveFeed<T> _feed;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private T? _latest;
    private bool _stale = true;
    private bool _running;
    private bool _dirty;
    private long _version;
    private long _computations;
    private TaskCompletionSource<T>? _next;
    private TaskCompletionSource? _idle;

    /// <param name="compute">Reads the view; gets the version to stamp on it.</param>
    /// <param name="settle">How long a change waits for others before the view is read (zero: at once).</param>
    public SharedSnapshot(string name, Func<long, CancellationToken, Task<T>> compute, ILogger logger, TimeSpan settle = default)
    {
        _settle = settle;
        _name = name;
        _compute = compute;
        _logger = logger;
        _feed = new LiveFeed<T>(name, logger);
    }

    /// <summary>The latest view, or null if none was computed since the last change nobody watched.</summary>
    public T? Current
    {
        get
        {
            lock (_gate)
            {
                return _stale ? null : _latest;
            }
        }
    }

    /// <summary>How many times the view was computed (however many screens show it).</summary>
    public long Computations => Interlocked.Read(ref _computations);

    public int SubscriberCount => _feed.SubscriberCount;

    /// <summary>Every newer view, one call at a time; a screen that is behind gets only the latest.</summary>
    public IDisposable Subscribe(Func<T, CancellationToken, Task> handler) => _feed.Subscribe(handler, backlog: 1);

    /// <summary>Something the view shows may have changed: recompute (coalesced) if anyone is watching.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }
            if (_running)
            {
                _dirty = true;
                return;
            }
            if (_feed.SubscriberCount == 0)
            {
                _stale = true;
                return;
            }
            _running = true;
        }
        Start();
    }

    /// <summary>
    /// The current view, computing it first if it is stale. Subscribe before calling this so no change is
    /// missed in between, and ignore deliveries whose version is not newer than what the screen shows.
    /// </summary>
    public Task<T> GetAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<T> next;
        var start = false;
        lock (_gate)
        {
            if (!_stale && _latest is not null)
            {
                return Task.FromResult(_latest);
            }
            next = _next ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running)
            {
                _dirty = true; // The running computation may have begun before the change that made the view stale.
            }
            else
            {
                _running = start = true;
            }
        }
        if (start)
        {
            Start();
        }
        return next.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes when no computation runs or is due. For tests and benchmarks.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (!_running)
            {
                return Task.CompletedTask;
            }
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    // Unsafe: the change's publisher (a webhook's request) must not lend its ExecutionContext to the computation.
    private void Start() => ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.ComputeLoopAsync(), this, preferLocal: false);

    private async Task ComputeLoopAsync()
    {
        while (true)
        {
            if (_settle > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(_settle, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: the computation below sees it and ends the loop.
                }
            }
            lock (_gate)
            {
                _dirty = false;
            }
            T? computed = null;
            Exception? failure = null;
            try
            {
                Interlocked.Increment(ref _computations);
                computed = await _compute(Interlocked.Increment(ref _version), _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                failure = new ObjectDisposedException(_name);
            }
            catch (Exception ex)
            {
                failure = ex;
                _logger.LogError(ex, "Computing the shared {View} view failed; screens keep the last one until the next change", _name);
            }

            TaskCompletionSource<T>? waiting;
            TaskCompletionSource? idle = null;
            bool again;
            lock (_gate)
            {
                if (computed is not null)
                {
                    _latest = computed;
                    _stale = false;
                }
                again = _dirty && !_stopping.IsCancellationRequested;
                // A failed read whose retry is already due keeps its waiters for the retry.
                waiting = computed is not null || !again ? _next : null;
                if (waiting is not null)
                {
                    _next = null;
                }
                if (!again)
                {
                    _running = false;
                    (idle, _idle) = (_idle, null);
                }
            }
            if (computed is not null)
            {
                _feed.Publish(computed);
                waiting?.TrySetResult(computed);
            }
            else
            {
                waiting?.TrySetException(failure!);
            }
            idle?.TrySetResult();
            if (!again)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }
            _stopping.Cancel();
        }
    }
}
