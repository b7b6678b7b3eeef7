using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Conversations;

/// <summary>
/// One conversation on its own page: what <see cref="ConversationWorkspace"/> reads (as the inbox does), re-read when a
/// change concerns it. A conversation taken over or transferred away while open here says who has it and why.
/// </summary>
public sealed partial class ConversationPage
{
    [Inject] public required ConversationService Conversations { get; set; }
    [Inject] public required EscalationService Escalations { get; set; }
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required WorkstationPreferences Preferences { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    [Parameter] public int ConversationId { get; set; }

    private ConversationWorkspace? _workspace;

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

    protected override Task LoadAsync() => Workspace.LoadAsync(Staff.Id, ConversationId, markRead: RendererInfo.IsInteractive);
}
