using BeFree.Core;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Retention;
using BeFree.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Core.Retention;

/// <summary>
/// The background loop, driven by a clock the test moves: a first pass after start-up, then one every
/// RunEvery. The test waits until the loop is waiting on the clock before moving it, so "nothing ran"
/// is checked against a loop known to be parked, never after a sleep.
/// </summary>
public sealed class RetentionScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 15, 15, 0, 0, TimeSpan.Zero);

    private static IHost Build(TimeProvider clock, string folder, TestDatabase database, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ContentRootPath = folder,
        });
        builder.Configuration.AddInMemoryCollection(database.Settings);
        // The CRM deliverer polls on the same clock; these tests count the clock's timers, so it stays off here.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Crm:Enabled"] = "false" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddLogging();
        builder.Services.AddDataProtection();
        builder.Services.AddBeFreeCore(builder.Configuration, builder.Environment);
        return builder.Build();
    }

    private static async Task<int> RunsAsync(IHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<BeFreeDbContext>>().CreateDbContextAsync();
        return await db.RetentionRuns.CountAsync();
    }

    private static async Task WithHostAsync(Dictionary<string, string?> settings, Func<IHost, WatchedTimeProvider, Task> test)
    {
        var folder = Path.Combine(Path.GetTempPath(), "befree-core-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new WatchedTimeProvider(Start);
        using var database = TestDatabase.Create(folder);
        using var host = Build(clock, folder, database, settings);
        try
        {
            await host.StartAsync();
            await test(host, clock);
        }
        finally
        {
            await host.StopAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public Task Runs_once_after_start_up_and_then_every_interval() => WithHostAsync(
        new() { ["Retention:RunEvery"] = "02:00:00", ["Retention:EraseBodiesAfterDays"] = "30" },
        async (host, clock) =>
        {
            var firstRunAt = Start + RetentionService.FirstRunDelay;
            var firstWait = await clock.TimerDueAtAsync(firstRunAt);
            Assert.Equal(0, await RunsAsync(host));

            clock.Advance(RetentionService.FirstRunDelay);
            Assert.True(firstWait.HasFired);
            // The loop waits for the next pass only once the first one is saved.
            var secondWait = await clock.TimerDueAtAsync(firstRunAt + TimeSpan.FromHours(2));
            Assert.Equal(1, await RunsAsync(host));

            clock.Advance(TimeSpan.FromHours(1));
            Assert.False(secondWait.HasFired);
            Assert.Equal(1, await RunsAsync(host));

            clock.Advance(TimeSpan.FromHours(1));
            Assert.True(secondWait.HasFired);
            await clock.TimerDueAtAsync(firstRunAt + TimeSpan.FromHours(4));
            Assert.Equal(2, await RunsAsync(host));
        });

    [Fact]
    public Task Does_nothing_when_disabled() => WithHostAsync(
        new() { ["Retention:Enabled"] = "false" },
        async (host, clock) =>
        {
            // The loop ends at start-up without waiting on the clock, so no later moment can start a pass.
            var loop = host.Services.GetRequiredService<RetentionService>().ExecuteTask;
            Assert.NotNull(loop);
            await loop.WaitAsync(TimeSpan.FromSeconds(20));
            // The audit sealer's timer is the only one left.
            var sealEvery = host.Services.GetRequiredService<IOptions<AuditOptions>>().Value.SealEvery;
            Assert.All(clock.Timers, timer => Assert.Equal(Start + sealEvery, timer.Due));

            clock.Advance(TimeSpan.FromDays(3));
            Assert.Equal(0, await RunsAsync(host));
        });

    [Theory]
    [InlineData("Retention:EraseBodiesAfterDays", "0")]
    [InlineData("Retention:RunEvery", "00:00:10")]
    [InlineData("Reports:TimeZoneId", "Mars/Olympus_Mons")]
    [InlineData("Reports:MaxRangeDays", "0")]
    public async Task Bad_settings_stop_start_up(string key, string value)
    {
        var folder = Path.Combine(Path.GetTempPath(), "befree-core-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var database = TestDatabase.Create(folder);
        using var host = Build(new WatchedTimeProvider(Start), folder, database, new() { [key] = value });
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(key.Split(':')[1], failure.Message);
    }
}
