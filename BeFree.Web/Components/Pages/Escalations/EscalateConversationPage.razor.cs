using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Escalations;

/// <summary>
/// Drafting an escalation from a conversation: loads the conversation, its escalations and the one
/// being edited (?escalation=id); the form does the work.
/// </summary>
public partial class EscalateConversationPage : IDisposable
{
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required ConversationService Conversations { get; set; }
    [Inject] public required EscalationService Escalations { get; set; }
    [Inject] public required NavigationManager Navigation { get; set; }
    [Inject] public required ILogger<EscalateConversationPage> Logger { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    [Parameter] public int ConversationId { get; set; }

    [SupplyParameterFromQuery(Name = "escalation")] public int? EscalationQuery { get; set; }

    private (int, int?)? _loadedKey;
    private ConversationDetail? _conversation;
    private EscalationView? _current;
    private IReadOnlyList<EscalationListItem> _others = [];
    private string? _loadError;
    private string? _notice;
    private LiveUpdates? _live;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedKey == (ConversationId, EscalationQuery))
        {
            return;
        }
        _loadedKey = (ConversationId, EscalationQuery);
        await LoadAsync(EscalationQuery);
        if (_live is null)
        {
            _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
            _live.Follow(h => Notifier.Subscribe(h, IsMovedOnBySomeoneElse), () => LoadAsync(_current?.Id ?? EscalationQuery));
        }
    }

    /// <summary>A lead approved or returned it (or a colleague moved it on): show it without a reload.</summary>
    private bool IsMovedOnBySomeoneElse(ConversationChange change)
        => change.ConversationId == ConversationId && change.Kind == ConversationChangeKind.EscalationChanged && change.StaffId != Staff.Id;

    public void Dispose() => _live?.Dispose();

    private async Task LoadAsync(int? escalationId)
    {
        try
        {
            _conversation = await Conversations.GetDetailAsync(Staff.Id, ConversationId);
            _others = await Escalations.ListForConversationAsync(Staff.Id, ConversationId);
            _current = escalationId is int id ? await Escalations.GetAsync(Staff.Id, id) : null;
            if (_current is not null && _current.ConversationId != ConversationId)
            {
                _current = null;
                _loadError = L["Error_OtherConversation"];
                return;
            }
            _loadError = null;
        }
        catch (Exception e) when (ActionPanelBase.IsRuleMessage(e))
        {
            _conversation = null;
            _loadError = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading the escalation page failed.");
            _conversation = null;
            _loadError = L["Error_PageLoad"];
        }
    }

    /// <summary>The form saved or moved the escalation on: show its new state and keep its id in the address.</summary>
    private async Task SavedAsync(EscalationSaved saved)
    {
        var escalationId = saved.EscalationId;
        _notice = saved.Notice;
        await LoadAsync(escalationId);
        if (EscalationQuery != escalationId)
        {
            _loadedKey = (ConversationId, escalationId);
            Navigation.NavigateTo($"/conversations/{ConversationId}/escalate?escalation={escalationId}", replace: true);
        }
    }
}
