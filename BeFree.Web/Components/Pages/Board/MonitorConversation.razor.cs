using BeFree.Core.Conversations;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using BeFree.Web.Localization;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Board;

/// <summary>A lead reads a conversation live without acting in it; Core audits the opening.</summary>
public partial class MonitorConversation
{
    [Parameter] public int ConversationId { get; set; }
    [Inject] public required ConversationService Conversations { get; set; }
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required HotlineTime Time { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private ConversationDetail? _detail;
    private string? _error;
    private LiveUpdates? _live;

    protected override async Task OnInitializedAsync()
    {
        // A new message arrives on the sender's thread, in the sender's language: the reload renders in this lead's.
        var culture = CircuitCulture.Capture();
        try
        {
            _detail = await Conversations.MonitorAsync(Staff.Id, ConversationId);
            _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
            _live.Follow(h => Notifier.Subscribe(ConversationId, () => culture.RunAsync(h)), ReloadAsync);
        }
        catch (Exception ex) when (ex is StaffAuthorizationException or ConversationActionException)
        {
            _error = ex.Message;
        }
    }

    private async Task ReloadAsync() => _detail = await Conversations.GetDetailAsync(Staff.Id, ConversationId, ConversationSurface.Monitor);

    public void Dispose() => _live?.Dispose();
}
