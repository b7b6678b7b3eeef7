using BeFree.Core.Reports;
using BeFree.Core.Time;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace BeFree.Tests.Components.Support;

/// <summary>
/// bUnit for MudBlazor pieces rendered on their own (no database): MudBlazor's services, an interactive
/// renderer, a fake clock and the hotline's time formatter in UTC. xunit 2 needs the async-disposal bridge.
/// </summary>
public abstract class MudComponentTests : BunitContext, IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 7, 15, 15, 0, 0, TimeSpan.Zero));

    protected MudComponentTests()
    {
        Services.AddMudServices();
        Services.AddLocalization(); // Localized components take IStringLocalizer, as AddBeFreeCore provides in the app.
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(new HotlineTime(Options.Create(new ReportOptions { TimeZoneId = "UTC" }), Clock));
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected static ChangeEventArgs Value(object value) => new() { Value = value };

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
