using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Escalations;

/// <summary>One escalation: its facts, the next steps for this person, and its timeline; follows changes made by others.</summary>
public sealed partial class EscalationDetailPage : IDisposable
{
    [Inject] public required EscalationService Escalations { get; set; }
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required HotlineTime Time { get; set; }
    [Inject] public required ILogger<EscalationDetailPage> Logger { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    [Parameter] public int EscalationId { get; set; }

    private EscalationView? _escalation;
    private string? _loadError;
    private string? _notice;
    private LiveUpdates? _live;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        if (_live is null)
        {
            _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
            _live.Follow(h => Notifier.Subscribe(h, IsMovedOnBySomeoneElse), LoadAsync);
        }
    }

    /// <summary>Someone else moved it on (a lead approving it, say): show it without a reload.</summary>
    private bool IsMovedOnBySomeoneElse(ConversationChange change)
        => change.Kind == ConversationChangeKind.EscalationChanged && change.StaffId != Staff.Id && change.ConversationId == _escalation?.ConversationId;

    public void Dispose() => _live?.Dispose();

    private async Task ChangedAsync(string message)
    {
        _notice = message;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _escalation = await Escalations.GetAsync(Staff.Id, EscalationId);
            _loadError = null;
        }
        catch (Exception e) when (ActionPanelBase.IsRuleMessage(e))
        {
            _escalation = null;
            _loadError = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading escalation {EscalationId} failed.", EscalationId);
            _escalation = null;
            _loadError = L["Error_EscalationLoad"];
        }
    }
}
