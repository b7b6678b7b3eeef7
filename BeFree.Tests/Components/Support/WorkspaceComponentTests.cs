using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BeFree.Tests.Components.Support;

/// <summary>
/// bUnit on the real Core: components get their services from a <see cref="WorkspaceHost"/> (real
/// SQLite, real ReplyService and friends; only the Twilio outbound queue is the host's recording
/// stand-in). The renderer says it is interactive, as on a live circuit, so buttons are enabled.
/// </summary>
public abstract class WorkspaceComponentTests : BunitContext, IAsyncLifetime
{
    protected WorkspaceHost Host { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        Host = await WorkspaceHost.StartAsync();
        Services.AddMudServices();
        // MudBlazor registers the system clock; components must see the host's (fake) clock, as in the app.
        Services.AddSingleton(Host.Services.GetRequiredService<TimeProvider>());
        Services.AddFallbackServiceProvider(Host.Services);
        // A Web service (the screen's copy of the person's preferences) on the host's Core service.
        Services.AddScoped(_ => new WorkstationPreferences(Host.Get<StaffPreferencesService>()));
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        await ArrangeAsync();
    }

    /// <summary>Where MudBlazor renders popovers (a select's items), as MainLayout provides it in the app.</summary>
    protected IRenderedComponent<MudBlazor.MudPopoverProvider> RenderPopovers() => Render<MudBlazor.MudPopoverProvider>();

    /// <summary>A conversation panel as the page renders it: the conversation's detail as <paramref name="actorId"/> reads it.</summary>
    protected async Task<IRenderedComponent<TPanel>> RenderPanelAsync<TPanel>(string actorId, int conversationId)
        where TPanel : BeFree.Web.Components.Pages.Conversations.WorkspacePanelBase
    {
        var detail = await Host.Get<BeFree.Core.Conversations.ConversationService>().GetDetailAsync(actorId, conversationId);
        return Render<TPanel>(p => p.Add(x => x.ActorId, actorId).Add(x => x.Detail, detail));
    }

    /// <summary>Test data every test of the class needs, made through the host before the first render.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    // xunit 2 knows only IAsyncLifetime: bUnit's services (MudBlazor's among them) need async disposal.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Host.DisposeAsync();
    }
}
