using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Web.Components.Pages.Inbox;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BeFree.Web.Components.Pages.Conversations;

/// <summary>
/// One conversation on its own page: what <see cref="ConversationWorkspace"/> reads (as the inbox does), re-read when a
/// change concerns it. A conversation taken over or transferred away while open here says who has it and why.
/// </summary>
public sealed partial class ConversationPage : IAsyncDisposable
{
    [Inject] public required ConversationService Conversations { get; set; }
    [Inject] public required EscalationService Escalations { get; set; }
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required WorkstationPreferences Preferences { get; set; }
    [Inject] public required IJSRuntime JS { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    [Parameter] public int ConversationId { get; set; }

    private ConversationWorkspace? _workspace;
    private ElementReference _threadPane;
    private ThreadPaneScript<ConversationPage>? _script;

    private ThreadPaneScript<ConversationPage> Script => _script ??= new(JS);

    private ConversationWorkspace Workspace => _workspace ??= new ConversationWorkspace(Conversations, Escalations);

    private string StatusText => ConversationWorkspace.StatusText(Workspace.Detail);

    protected override async Task BeforeFirstLoadAsync()
    {
        if (Staff.IsSignedIn)
        {
            await Preferences.LoadAsync(Staff.Id); // Once per screen: "Enter sends" for the reply box.
        }
    }

    // Only changes to the conversation on screen (read when the change arrives, so a new route parameter is followed).
    protected override void Subscribe()
        => Follow<ConversationChange>(h => Notifier.Subscribe(h, change => change.ConversationId == ConversationId));

    protected override async Task OnParametersSetAsync()
    {
        if (Workspace.ConversationId is { } shown && shown != ConversationId)
        {
            Workspace.Clear(ConversationId);
            await RequestReloadAsync();
        }
    }

    protected override async Task LoadAsync()
    {
        await Workspace.LoadAsync(Staff.Id, ConversationId, markRead: RendererInfo.IsInteractive);
        Script.Shown(ConversationId, Workspace.Detail);
    }

    /// <summary>The browser says the thread pane reached or left its newest text.</summary>
    [JSInvokable]
    public void OnThreadScrolled(bool atBottom)
    {
        if (Script.Scrolled(atBottom))
        {
            StateHasChanged();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        if (!RendererInfo.IsInteractive || IsDisposed || Workspace.Detail is null)
        {
            return;
        }
        // The pane exists once a conversation is shown: follow its scrolling from then on.
        await Script.AfterRenderAsync(this, _threadPane, listenForShortcuts: false);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        Dispose();
        if (_script is not null)
        {
            await _script.DisposeAsync();
        }
    }
}
