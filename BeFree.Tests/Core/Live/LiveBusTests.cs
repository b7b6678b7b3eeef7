using System.Collections.Concurrent;
using System.Diagnostics;
using BeFree.Core.Conversations;
using BeFree.Core.Live;
using BeFree.Core.Risk;
using BeFree.Web.Endpoints;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BeFree.Tests.Core.Live;

/// <summary>Live updates between app servers: what one server publishes reaches the others' screens, once.</summary>
public sealed class LiveBusTests
{
    private readonly LinkedLiveBuses _redis = new();

    [Fact]
    public async Task A_change_published_on_one_server_reaches_screens_on_the_other_once_and_is_not_echoed_back()
    {
        var one = new ConversationNotifier(NullLogger<ConversationNotifier>.Instance, _redis.NewServer());
        var two = new ConversationNotifier(NullLogger<ConversationNotifier>.Instance, _redis.NewServer());
        var onOne = new ConcurrentQueue<ConversationChange>();
        var onTwo = new ConcurrentQueue<ConversationChange>();
        using var first = one.Subscribe(c => { onOne.Enqueue(c); return Task.CompletedTask; });
        using var second = two.Subscribe(c => { onTwo.Enqueue(c); return Task.CompletedTask; });

        var changes = Enumerable.Range(1, 20).Select(i => new ConversationChange(i, ConversationChangeKind.MessageAdded, "staff-" + i)).ToList();
        foreach (var change in changes)
        {
            await one.PublishAsync(change);
        }
        await first.WhenIdleAsync().WaitAsync(Patience);
        await second.WhenIdleAsync().WaitAsync(Patience);

        Assert.Equal(changes, onTwo); // In order, as published, each once.
        Assert.Equal(changes, onOne); // The publishing server's own screens: once, not again from the bus.
    }

    [Fact]
    public async Task A_lead_alert_raised_on_one_server_alerts_leads_on_the_other_and_is_in_its_recent_alerts()
    {
        var one = new LeadAlerts(NullLogger<LeadAlerts>.Instance, _redis.NewServer());
        var two = new LeadAlerts(NullLogger<LeadAlerts>.Instance, _redis.NewServer());
        var received = new TaskCompletionSource<LeadAlert>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var lead = two.Subscribe(a => { received.TrySetResult(a); return Task.CompletedTask; });

        var alert = new LeadAlert(LeadAlertKind.ImminentRisk, 42, null, "Imminent risk set by Ana", new DateTime(2026, 12, 2, 15, 0, 0, DateTimeKind.Utc));
        await one.PublishAsync(alert);

        Assert.Equal(alert, await received.Task.WaitAsync(Patience));
        Assert.Equal([alert], two.Recent);
        Assert.Equal([alert], one.Recent);
    }

    [Fact]
    public async Task Presence_counts_screens_on_every_server_and_a_silent_servers_screens_expire()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        var busOne = _redis.NewServer();
        using var one = new StaffPresenceRegistry(clock, NullLogger<StaffPresenceRegistry>.Instance, busOne);
        using var two = new StaffPresenceRegistry(clock, NullLogger<StaffPresenceRegistry>.Instance, _redis.NewServer());
        var changedOnTwo = 0;
        using var board = two.Subscribe("ana", () => { Interlocked.Increment(ref changedOnTwo); return Task.CompletedTask; });

        var anaOnOne = one.Register("ana");
        Assert.Equal(PresenceState.Online, two.GetStatus("ana").State);
        Assert.Contains("ana", two.OnShiftStaffIds);
        await WaitUntilAsync(() => Volatile.Read(ref changedOnTwo) == 1);

        // Away on her only server: away everywhere. A second screen on the other server: online again.
        one.SetAway("ana", true);
        Assert.Equal(PresenceState.Away, two.GetStatus("ana").State);
        using (two.Register("ana"))
        {
            Assert.Equal(PresenceState.Online, one.GetStatus("ana").State);
        }
        Assert.Equal(PresenceState.Away, one.GetStatus("ana").State);

        // Heartbeats keep her on shift on server two while server one lives…
        clock.Advance(StaffPresenceRegistry.RemoteEntriesExpireAfter * 2);
        Assert.True(two.IsOnShift("ana"));

        // …and server one dies without a word (kill -9): her screen there stops counting after the expiry.
        _redis.CutOff(busOne);
        var changesBefore = Volatile.Read(ref changedOnTwo);
        clock.Advance(StaffPresenceRegistry.RemoteEntriesExpireAfter + StaffPresenceRegistry.HeartbeatInterval);
        Assert.False(two.IsOnShift("ana"));
        Assert.Empty(two.OnShiftStaffIds);
        await WaitUntilAsync(() => Volatile.Read(ref changedOnTwo) > changesBefore);
        anaOnOne.Dispose();
    }

    [Fact]
    public async Task A_server_starting_later_learns_who_is_on_shift_elsewhere_from_the_shared_table()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        using var one = new StaffPresenceRegistry(clock, NullLogger<StaffPresenceRegistry>.Instance, _redis.NewServer());
        using var ana = one.Register("ana");

        using var later = new StaffPresenceRegistry(clock, NullLogger<StaffPresenceRegistry>.Instance, _redis.NewServer());

        await WaitUntilAsync(() => later.IsOnShift("ana"));
    }

    [Fact]
    public async Task Without_Redis_publishing_still_returns_at_once_screens_on_this_server_still_update_and_health_says_degraded()
    {
        // Nothing listens on this port: Redis is down.
        await using var bus = new RedisLiveBus($"127.0.0.1:{BeFree.Tests.Browser.Support.AppUnderTest.FreeLoopbackPort()},connectTimeout=500",
            NullLogger<RedisLiveBus>.Instance);
        var notifier = new ConversationNotifier(NullLogger<ConversationNotifier>.Instance, bus);
        var received = new ConcurrentQueue<ConversationChange>();
        using var screen = notifier.Subscribe(c => { received.Enqueue(c); return Task.CompletedTask; });

        var publishing = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            await notifier.PublishAsync(new ConversationChange(i, ConversationChangeKind.MessageAdded));
        }
        publishing.Stop();
        await screen.WhenIdleAsync().WaitAsync(Patience);

        Assert.True(publishing.Elapsed < TimeSpan.FromSeconds(1), $"1000 changes took {publishing.ElapsedMilliseconds} ms to publish without Redis.");
        // This server's screen kept up (coalesced to the latest changes when behind, as always).
        Assert.Equal(999, received.Last().ConversationId);
        Assert.Equal(1000, bus.Dropped);
        var health = await new LiveBusHealthCheck(bus).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("Redis unavailable", health.Description);
        Assert.Equal(HealthStatus.Healthy, (await new LiveBusHealthCheck(InProcessLiveBus.Instance).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, "The condition did not become true in time.");
            await Task.Delay(10);
        }
    }
}
