using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Web.Components.Pages.Escalations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.CannedReplies;

/// <summary>Shift leads and admins manage the prepared replies (Core enforces the role again on every change).</summary>
public partial class CannedResponsesPage : IDisposable
{
    [Inject] private CannedResponses Responses { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private static readonly CannedResponseView NewResponse = new(0, "", "", true, 0, default);

    private LiveUpdates? _live;
    private string actorId = "";
    private IReadOnlyList<CannedResponseView> responses = [];
    private CannedResponseView? editing;
    private string? notice;

    protected override async Task OnInitializedAsync()
    {
        actorId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await RunAsync(LoadAsync);
        // Another lead's change shows here at once; the form being edited is left alone.
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
        _live.Follow(h => Responses.Subscribe(h), LoadAsync);
    }

    public void Dispose() => _live?.Dispose();

    private async Task LoadAsync() => responses = await Responses.ListAsync(actorId, includeInactive: true);

    private void StartNew()
    {
        notice = null;
        editing = NewResponse;
    }

    private void Edit(CannedResponseView response)
    {
        notice = null;
        editing = response;
    }

    private async Task ToggleAsync(CannedResponseView response)
    {
        notice = null;
        if (await RunAsync(() => Responses.SetActiveAsync(actorId, response.Id, !response.IsActive)))
        {
            notice = $"'{response.Title}' is now {(response.IsActive ? "inactive" : "active")}.";
            await RunAsync(LoadAsync);
        }
    }

    private async Task SavedAsync(string message)
    {
        editing = null;
        notice = message;
        await RunAsync(LoadAsync);
    }
}
