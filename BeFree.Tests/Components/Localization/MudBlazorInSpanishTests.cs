using BeFree.Web.Localization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace BeFree.Tests.Components.Localization;

/// <summary>MudBlazor's own words follow the workstation's language through <see cref="WorkstationMudLocalizer"/>.</summary>
public sealed class MudBlazorInSpanishTests : BunitContext, IAsyncLifetime
{
    public MudBlazorInSpanishTests()
    {
        Services.AddMudServices();
        Services.AddWorkstationLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private string CloseLabel()
        => Render<MudAlert>(p => p.Add(a => a.ShowCloseIcon, true).AddChildContent("x"))
            .Find("button").GetAttribute("aria-label")!;

    [Fact]
    public void A_close_button_MudBlazor_labels_itself_reads_Cerrar_in_Spanish_and_Close_in_English()
    {
        using (new CultureScope("es-US"))
        {
            Assert.Equal("Cerrar", CloseLabel());
        }
        using (new CultureScope("en-US"))
        {
            Assert.Equal("Close", CloseLabel());
        }
    }
}
