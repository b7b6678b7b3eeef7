using BeFree.Tests.Support;
using System.Collections.Concurrent;
using BeFree.Core.Queue;
using Microsoft.Extensions.Logging;

namespace BeFree.Tests.Core.Queue;

/// <summary>The coalescing rules of a shared view, with a computation the test controls.</summary>
public sealed class SharedSnapshotTests : IDisposable
{
    private readonly RecordingLogger _logger = new();
    private readonly ConcurrentQueue<long> _started = new();
    private Func<long, Task>? _beforeResult;
    private readonly SharedSnapshot<TestView> _view;

    public SharedSnapshotTests()
    {
        _view = new SharedSnapshot<TestView>("test view", async (version, _) =>
        {
            _started.Enqueue(version);
            if (_beforeResult is { } before)
            {
                await before(version);
            }
            return new TestView(version);
        }, _logger);
    }

    public void Dispose() => _view.Dispose();

    [Fact]
    public async Task With_a_settle_time_a_burst_of_changes_is_read_once()
    {
        var reads = 0;
        using var settled = new SharedSnapshot<TestView>("settled view", (version, _) =>
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult(new TestView(version));
        }, _logger, settle: TimeSpan.FromSeconds(1));
        using var subscription = settled.Subscribe((_, _) => Task.CompletedTask); // Watched: changes are read.

        // Fifty texts arriving together, well inside the settle time.
        for (var i = 0; i < 50; i++)
        {
            settled.Invalidate();
        }
        await settled.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal(1, reads);
        Assert.Equal(1, settled.Computations);
    }

    [Fact]
    public async Task A_burst_of_changes_during_a_computation_collapses_into_one_more()
    {
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _beforeResult = version =>
        {
            if (version != 1)
            {
                return Task.CompletedTask;
            }
            firstStarted.TrySetResult();
            return release.Task;
        };
        var delivered = new ConcurrentQueue<long>();
        using var subscription = _view.Subscribe((view, _) =>
        {
            delivered.Enqueue(view.Version);
            return Task.CompletedTask;
        });

        _view.Invalidate();
        await firstStarted.Task.WaitAsync(Patience);
        for (var i = 0; i < 50; i++)
        {
            _view.Invalidate();
        }
        release.SetResult();
        await _view.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal(2, _view.Computations);
        Assert.Equal(2, _view.Current?.Version);
        await PollAsync(() => delivered.LastOrDefault() == 2);
        Assert.DoesNotContain(delivered, v => v > 2);
    }

    [Fact]
    public async Task Nothing_is_computed_while_nobody_watches_and_the_next_read_computes_it()
    {
        _view.Invalidate();
        _view.Invalidate();
        await _view.WhenIdleAsync().WaitAsync(Patience);
        Assert.Equal(0, _view.Computations);
        Assert.Null(_view.Current);

        var first = await _view.GetAsync().WaitAsync(Patience);
        var again = await _view.GetAsync().WaitAsync(Patience);

        Assert.Equal(1, _view.Computations);
        Assert.Same(first, again);
    }

    [Fact]
    public async Task A_failing_computation_is_logged_keeps_the_last_view_and_the_next_change_recovers()
    {
        var received = new ConcurrentQueue<long>();
        using var subscription = _view.Subscribe((view, _) =>
        {
            received.Enqueue(view.Version);
            return Task.CompletedTask;
        });
        var good = await _view.GetAsync().WaitAsync(Patience);

        _beforeResult = version => version == 2 ? throw new InvalidOperationException("database gone") : Task.CompletedTask;
        _view.Invalidate();
        await _view.WhenIdleAsync().WaitAsync(Patience);

        var error = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Contains("test view", error.Message);
        Assert.Same(good, _view.Current);

        _view.Invalidate();
        await PollAsync(() => received.Contains(3));
        Assert.Equal(3, _view.Current?.Version);
    }

    [Fact]
    public async Task A_read_waiting_on_a_failed_computation_gets_the_failure()
    {
        _beforeResult = _ => throw new InvalidOperationException("database gone");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _view.GetAsync().WaitAsync(Patience));
    }

    [Fact]
    public async Task After_disposal_no_computation_starts()
    {
        using var subscription = _view.Subscribe((_, _) => Task.CompletedTask);
        _view.Dispose();

        _view.Invalidate();
        await _view.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal(0, _view.Computations);
    }

    private sealed record TestView(long Version) : ISharedSnapshot;
}
