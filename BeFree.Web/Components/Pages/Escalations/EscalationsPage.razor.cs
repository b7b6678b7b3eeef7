using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using BeFree.Web.Components.Shared;
using BeFree.Web.Localization;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Escalations;

/// <summary>
/// Shift leads: the approval list, refreshed live when an escalation is submitted. Everyone: the
/// escalations on the conversations they hold (Core has no per-person list; it checks access per conversation).
/// </summary>
public partial class EscalationsPage : IDisposable
{
    [Inject] public required EscalationService Escalations { get; set; }
    [Inject] public required ConversationService Conversations { get; set; }
    [Inject] public required LeadAlerts LeadAlerts { get; set; }
    [Inject] public required ILogger<EscalationsPage> Logger { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private IReadOnlyList<EscalationListItem> _awaiting = [];
    private IReadOnlyList<EscalationListItem> _mine = [];
    private string? _loadError;
    private string? _notice;
    private LiveUpdates? _live;
    private CircuitCulture? _culture;

    protected override async Task OnInitializedAsync()
    {
        _culture = CircuitCulture.Capture(); // The person's culture is current while initialising.
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only the live circuit listens: the prerender has no one to tell.
        if (firstRender && Staff.IsLead && _live is null)
        {
            _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
            // An alert arrives on the submitter's thread, in the submitter's language: the list reloads in this reader's.
            var culture = _culture ?? CircuitCulture.Capture();
            _live.Follow<LeadAlert>(h => LeadAlerts.Subscribe(culture.Keep(h)), OnLeadAlertAsync);
        }
    }

    private Task OnLeadAlertAsync(LeadAlert alert) => alert.EscalationId is null ? Task.CompletedTask : LoadAsync();

    private async Task ChangedAsync(string message)
    {
        _notice = message;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            if (Staff.IsLead)
            {
                _awaiting = await Escalations.ListAwaitingApprovalAsync(Staff.Id);
            }
            var held = await Conversations.ListMineAsync(Staff.Id);
            var found = new List<EscalationListItem>();
            foreach (var conversation in held)
            {
                found.AddRange(await Escalations.ListForConversationAsync(Staff.Id, conversation.ConversationId));
            }
            _mine = found.OrderByDescending(e => e.UpdatedUtc).ToList();
            _loadError = null;
        }
        catch (Exception e) when (ActionPanelBase.IsRuleMessage(e))
        {
            _loadError = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading the escalations failed.");
            _loadError = L["Error_ListLoad"];
        }
    }

    public void Dispose() => _live?.Dispose();
}
