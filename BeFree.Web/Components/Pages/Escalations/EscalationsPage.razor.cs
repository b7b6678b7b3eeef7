using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.Escalations;

/// <summary>
/// Shift leads: the approval list, refreshed live when an escalation is submitted. Everyone: the
/// escalations on the conversations they hold (Core has no per-person list; it checks access per conversation).
/// </summary>
public partial class EscalationsPage : IDisposable
{
    [Inject] private EscalationService Escalations { get; set; } = default!;

    [Inject] private ConversationService Conversations { get; set; } = default!;

    [Inject] private LeadAlerts LeadAlerts { get; set; } = default!;

    [Inject] private ILogger<EscalationsPage> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string actorId = "";
    private bool isLead;
    private bool isAdmin;
    private IReadOnlyList<EscalationListItem> awaiting = [];
    private IReadOnlyList<EscalationListItem> mine = [];
    private string? loadError;
    private string? notice;
    private LiveUpdates? live;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        isLead = user.IsInRole(StaffRoles.ShiftLead);
        isAdmin = user.IsInRole(StaffRoles.Admin);
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only the live circuit listens: the prerender has no one to tell.
        if (firstRender && isLead && live is null)
        {
            live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
            live.Follow<LeadAlert>(h => LeadAlerts.Subscribe(h), OnLeadAlertAsync);
        }
    }

    private Task OnLeadAlertAsync(LeadAlert alert) => alert.EscalationId is null ? Task.CompletedTask : LoadAsync();

    private async Task ChangedAsync(string message)
    {
        notice = message;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            if (isLead)
            {
                awaiting = await Escalations.ListAwaitingApprovalAsync(actorId);
            }
            var held = await Conversations.ListMineAsync(actorId);
            var found = new List<EscalationListItem>();
            foreach (var conversation in held)
            {
                found.AddRange(await Escalations.ListForConversationAsync(actorId, conversation.ConversationId));
            }
            mine = found.OrderByDescending(e => e.UpdatedUtc).ToList();
            loadError = null;
        }
        catch (Exception e) when (ActionPanelBase.IsRuleMessage(e))
        {
            loadError = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading the escalations failed.");
            loadError = "The escalations could not be loaded. Reload to try again.";
        }
    }

    public void Dispose() => live?.Dispose();
}
