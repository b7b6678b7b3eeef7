using BeFree.Tests.Support;
using System.Collections.Concurrent;
using BeFree.Core.Live;
using Microsoft.Extensions.Logging;

namespace BeFree.Tests.Core.Live;

/// <summary>The live-update primitive as the app runs it: delivery on the thread pool, one loop per subscriber.</summary>
public sealed class LiveFeedTests
{
    private readonly RecordingLogger _logger = new();
    private readonly LiveFeed<int> _feed;

    public LiveFeedTests() => _feed = new LiveFeed<int>("test changes", _logger);

    [Fact]
    public async Task Publishing_returns_while_a_subscriber_is_still_busy_even_one_that_blocks_its_thread()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _feed.Subscribe((_, _) =>
        {
            entered.TrySetResult();
            release.Wait(); // Blocks its thread outright: the worst a screen can do.
            finished.TrySetResult();
            return Task.CompletedTask;
        });

        try
        {
            // On another thread only so that a regression fails here instead of hanging the run.
            var publishing = Task.Run(() => _feed.Publish(1));

            await publishing.WaitAsync(Patience);
            await entered.Task.WaitAsync(Patience);
            Assert.False(finished.Task.IsCompleted);
        }
        finally
        {
            release.Set();
        }
        await finished.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Publishing_does_not_wait_for_a_subscriber_awaiting_something_slow()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<int>();
        using var slow = _feed.Subscribe(async (change, _) =>
        {
            await gate.Task;
            handled.Enqueue(change);
        });

        for (var i = 0; i < 3; i++)
        {
            _feed.Publish(i);
        }

        Assert.Empty(handled);
        gate.SetResult();
        await slow.WhenIdleAsync().WaitAsync(Patience);
        Assert.Equal([0, 1, 2], handled);
    }

    [Fact]
    public async Task Each_subscriber_gets_the_changes_in_publish_order_one_call_at_a_time()
    {
        var first = new ConcurrentQueue<int>();
        var second = new ConcurrentQueue<int>();
        var running = 0;
        var overlapped = false;
        using var a = _feed.Subscribe(async (change, _) =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Yield(); // Gives a second call every chance to start if the loop allowed it.
            first.Enqueue(change);
            Interlocked.Decrement(ref running);
        });
        using var b = _feed.Subscribe((change, _) =>
        {
            second.Enqueue(change);
            return Task.CompletedTask;
        });

        var published = Enumerable.Range(1, LiveFeed<int>.DefaultBacklog).ToList();
        foreach (var change in published)
        {
            _feed.Publish(change);
        }
        await Task.WhenAll(a.WhenIdleAsync(), b.WhenIdleAsync()).WaitAsync(Patience);

        Assert.Equal(published, first);
        Assert.Equal(published, second);
        Assert.False(overlapped);
        Assert.Equal(0, a.Coalesced);
    }

    [Fact]
    public async Task A_subscriber_that_is_behind_gets_the_change_in_hand_and_then_the_latest_backlog()
    {
        var (subscription, delivered, release) = await BlockedSubscriberAsync(backlog: 10);

        for (var i = 1; i <= 100; i++)
        {
            _feed.Publish(i);
        }
        release.SetResult();
        await subscription.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal([0, .. Enumerable.Range(91, 10)], delivered);
        Assert.Equal(90, subscription.Coalesced);
    }

    [Fact]
    public async Task A_screen_that_rereads_collapses_any_number_of_changes_into_one_more_call()
    {
        var (subscription, delivered, release) = await BlockedSubscriberAsync(backlog: 1);

        for (var i = 1; i <= 100; i++)
        {
            _feed.Publish(i);
        }
        release.SetResult();
        await subscription.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal([0, 100], delivered);
    }

    [Fact]
    public async Task A_subscriber_that_is_behind_does_not_hold_up_another()
    {
        var (blocked, _, release) = await BlockedSubscriberAsync(backlog: 1);
        var other = new ConcurrentQueue<int>();
        using var prompt = _feed.Subscribe((change, _) =>
        {
            other.Enqueue(change);
            return Task.CompletedTask;
        });

        _feed.Publish(1);
        _feed.Publish(2);
        await prompt.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal([1, 2], other);
        Assert.False(blocked.WhenIdleAsync().IsCompleted);
        release.SetResult();
        blocked.Dispose();
    }

    [Fact]
    public async Task A_failing_subscriber_is_logged_with_the_feed_name_keeps_its_subscription_and_others_still_receive()
    {
        var attempts = 0;
        using var failing = _feed.Subscribe((_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("screen gone wrong");
        });
        using var failingLater = _feed.Subscribe(async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("screen gone wrong later");
        });
        var healthy = new ConcurrentQueue<int>();
        using var other = _feed.Subscribe((change, _) =>
        {
            healthy.Enqueue(change);
            return Task.CompletedTask;
        });

        _feed.Publish(1);
        _feed.Publish(2);
        await Task.WhenAll(failing.WhenIdleAsync(), failingLater.WhenIdleAsync(), other.WhenIdleAsync()).WaitAsync(Patience);

        Assert.Equal([1, 2], healthy);
        Assert.Equal(2, attempts);
        var warnings = _logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("test changes", w.Message));
        Assert.Equal(2, warnings.Count(w => w.Exception?.Message == "screen gone wrong"));
        Assert.Equal(2, warnings.Count(w => w.Exception?.Message == "screen gone wrong later"));
    }

    [Fact]
    public async Task Disposing_cancels_the_call_in_hand_discards_what_waits_and_delivers_nothing_more()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivered = new ConcurrentQueue<int>();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = _feed.Subscribe(async (change, cancellationToken) =>
        {
            delivered.Enqueue(change);
            entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled.TrySetResult();
                throw;
            }
        });
        _feed.Publish(1);
        await entered.Task.WaitAsync(Patience);
        _feed.Publish(2);
        _feed.Publish(3);

        subscription.Dispose();
        subscription.Dispose();
        _feed.Publish(4);

        await cancelled.Task.WaitAsync(Patience);
        await subscription.WhenIdleAsync().WaitAsync(Patience);
        Assert.Equal([1], delivered);
        Assert.Equal(0, _feed.SubscriberCount);
        Assert.Empty(_logger.Entries); // Cancellation on disposal is not a failure.
    }

    [Fact]
    public async Task A_filter_keeps_only_the_changes_a_screen_shows()
    {
        var seven = new ConcurrentQueue<int>();
        using var showingSeven = _feed.Subscribe((change, _) =>
        {
            seven.Enqueue(change);
            return Task.CompletedTask;
        }, filter: change => change % 10 == 7);
        var everything = new ConcurrentQueue<int>();
        using var all = _feed.Subscribe((change, _) =>
        {
            everything.Enqueue(change);
            return Task.CompletedTask;
        });

        foreach (var change in new[] { 5, 7, 8, 17, 27 })
        {
            _feed.Publish(change);
        }
        await Task.WhenAll(showingSeven.WhenIdleAsync(), all.WhenIdleAsync()).WaitAsync(Patience);

        Assert.Equal([7, 17, 27], seven);
        Assert.Equal([5, 7, 8, 17, 27], everything);
    }

    [Fact]
    public async Task A_filtered_screen_that_is_behind_still_gets_the_latest_change_of_what_it_shows()
    {
        var (subscription, delivered, release) = await BlockedSubscriberAsync(backlog: 1, filter: change => change % 10 == 7);

        foreach (var change in new[] { 7, 17, 3, 4, 27, 5, 6 })
        {
            _feed.Publish(change);
        }
        release.SetResult();
        await subscription.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal([0, 27], delivered);
    }

    [Fact]
    public async Task A_failing_filter_is_logged_and_does_not_stop_the_publisher_or_others()
    {
        using var broken = _feed.Subscribe((_, _) => Task.CompletedTask, filter: _ => throw new InvalidOperationException("bad filter"));
        var received = new ConcurrentQueue<int>();
        using var other = _feed.Subscribe((change, _) =>
        {
            received.Enqueue(change);
            return Task.CompletedTask;
        });

        _feed.Publish(1);
        await other.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal([1], received);
        var warning = Assert.Single(_logger.Entries);
        Assert.Contains("test changes", warning.Message);
        Assert.Equal("bad filter", warning.Exception?.Message);
    }

    /// <summary>A subscriber holding change 0 until released; everything it handled is recorded.</summary>
    private async Task<(LiveSubscription<int> Subscription, ConcurrentQueue<int> Delivered, TaskCompletionSource Release)> BlockedSubscriberAsync(
        int backlog, Func<int, bool>? filter = null)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivered = new ConcurrentQueue<int>();
        var subscription = _feed.Subscribe(async (change, _) =>
        {
            delivered.Enqueue(change);
            if (change == 0)
            {
                entered.SetResult();
                await release.Task;
            }
        }, filter is null ? null : change => change == 0 || filter(change), backlog);
        _feed.Publish(0);
        await entered.Task.WaitAsync(Patience);
        return (subscription, delivered, release);
    }
}
