using BeFree.Core.Conversations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.CannedReplies;

/// <summary>Shift leads and admins manage the prepared replies (Core enforces the role again on every change).</summary>
public partial class CannedResponsesPage : IDisposable
{
    [Inject] public required CannedResponses Responses { get; set; }

    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private static readonly CannedResponseView NewResponse = new(0, "", "", true, 0, default);

    private LiveUpdates? _live;
    private IReadOnlyList<CannedResponseView> _responses = [];
    private CannedResponseView? _editing;
    private string? _notice;

    protected override async Task OnInitializedAsync()
    {
        await RunAsync(LoadAsync);
        // Another lead's change shows here at once; the form being edited is left alone.
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
        _live.Follow(h => Responses.Subscribe(h), LoadAsync);
    }

    public void Dispose() => _live?.Dispose();

    private async Task LoadAsync() => _responses = await Responses.ListAsync(Staff.Id, includeInactive: true);

    private void StartNew()
    {
        _notice = null;
        _editing = NewResponse;
    }

    private void Edit(CannedResponseView response)
    {
        _notice = null;
        _editing = response;
    }

    private async Task ToggleAsync(CannedResponseView response)
    {
        _notice = null;
        if (await RunAsync(() => Responses.SetActiveAsync(Staff.Id, response.Id, !response.IsActive)))
        {
            _notice = response.IsActive ? L["NowInactive", response.Title] : L["NowActive", response.Title];
            await RunAsync(LoadAsync);
        }
    }

    private async Task SavedAsync(string message)
    {
        _editing = null;
        _notice = message;
        await RunAsync(LoadAsync);
    }
}
