using BeFree.Core;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Retention;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Core.Retention;

/// <summary>The background loop, driven by a clock the test moves: a first pass after start-up, then one every RunEvery.</summary>
public sealed class RetentionScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 15, 15, 0, 0, TimeSpan.Zero);

    private static IHost Build(TimerClock clock, string folder, TestDatabase database, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ContentRootPath = folder,
        });
        builder.Configuration.AddInMemoryCollection(database.Settings);
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

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    private static async Task WithHostAsync(Dictionary<string, string?> settings, Func<IHost, TimerClock, Task> test)
    {
        var folder = Path.Combine(Path.GetTempPath(), "befree-core-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new TimerClock(Start);
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
            Assert.Equal(0, await RunsAsync(host));

            clock.Advance(RetentionService.FirstRunDelay);
            await WaitUntilAsync(async () => await RunsAsync(host) == 1, "the first pass is recorded");
            await WaitUntilAsync(() => Task.FromResult(clock.HasTimerDueAt(clock.GetUtcNow() + TimeSpan.FromHours(2))), "the loop waits for the next pass");

            clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(200);
            Assert.Equal(1, await RunsAsync(host));

            clock.Advance(TimeSpan.FromHours(1));
            await WaitUntilAsync(async () => await RunsAsync(host) == 2, "the second pass is recorded");
        });

    [Fact]
    public Task Does_nothing_when_disabled() => WithHostAsync(
        new() { ["Retention:Enabled"] = "false" },
        async (host, clock) =>
        {
            clock.Advance(TimeSpan.FromDays(3));
            await Task.Delay(300);
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
        using var host = Build(new TimerClock(Start), folder, database, new() { [key] = value });
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(key.Split(':')[1], failure.Message);
    }
}
