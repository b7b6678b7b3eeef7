using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using BeFree.Web.Localization;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Board;

/// <summary>
/// The whole floor at a glance, live: shows the shared floor (<see cref="BoardSnapshots"/>: read once per
/// change for every open board) plus this lead's approvals, re-read only when an escalation changes;
/// a one-second tick only re-renders the waiting times.
/// </summary>
public partial class LiveBoard
{
    [Inject] public required LiveBoardService Board { get; set; }
    [Inject] public required BoardSnapshots Floor { get; set; }
    [Inject] public required ConversationService Conversations { get; set; }
    [Inject] public required EscalationService Escalations { get; set; }
    [Inject] public required StaffNotices Notices { get; set; }
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required LeadAlerts Alerts { get; set; }
    [Inject] public required TimeProvider Clock { get; set; }
    [Inject] public required NavigationManager Navigation { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private LiveUpdates? _live;
    private ITimer? _ticker;
    private string _actorId = "";
    private BoardSnapshot? _snapshot;
    private BoardFloor? _floor;
    private LeadApprovals _approvals = new(false, []);
    private bool _accessChecked;
    private BoardFloor? _heldUntilChecked;
    private DateTime _now;
    private string? _error;
    private string? _notice;
    private bool _busy;
    private BoardAction? _pendingAction;
    private IReadOnlyList<TransferTarget> _transferTargets = [];

    protected override async Task OnInitializedAsync()
    {
        _actorId = Staff.Id;
        // Changes arrive on the publisher's thread, in the publisher's language: each delivery and tick runs in this
        // lead's (captured here, where the circuit's culture is current), so the board never switches language.
        var culture = CircuitCulture.Capture();
        // Subscribe before reading, so a change in between is not missed; older floors are ignored.
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
        _live.Follow<BoardFloor>(h => Floor.Subscribe(culture.Keep(h)), OnFloorChangedAsync);
        _live.Follow(h => Notifier.Subscribe(() => culture.RunAsync(h), change => change.Kind == ConversationChangeKind.EscalationChanged), LoadApprovalsAsync);
        _live.Follow<LeadAlert>(h => Alerts.Subscribe(culture.Keep(h)), _ => LoadApprovalsAsync());
        await LoadAsync();
        if (RendererInfo.IsInteractive)
        {
            // Only waiting times move between changes: a re-render, no read.
            _ticker = Clock.CreateTimer(_ => _ = culture.RunAsync(() => InvokeAsync(() => { _now = Clock.GetUtcNow().UtcDateTime; StateHasChanged(); })),
                null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _approvals = await Board.GetApprovalsAsync(_actorId);
            Show(await Floor.GetAsync(_actorId));
            _accessChecked = true;
            if (_heldUntilChecked is { } held)
            {
                _heldUntilChecked = null;
                Show(held);
            }
        }
        catch (StaffAuthorizationException ex)
        {
            _live?.StopAll();
            _heldUntilChecked = null;
            _error = ex.Message;
        }
    }

    private Task OnFloorChangedAsync(BoardFloor floor)
    {
        if (!_accessChecked)
        {
            // Arrived before Core confirmed this person may see the board: shown only once it has.
            _heldUntilChecked = floor;
            return Task.CompletedTask;
        }
        Show(floor);
        return Task.CompletedTask;
    }

    /// <summary>The lead's own part: escalations awaiting approval change only with escalations.</summary>
    private async Task LoadApprovalsAsync()
    {
        if (!_approvals.CanApprove)
        {
            return;
        }
        try
        {
            _approvals = await Board.GetApprovalsAsync(_actorId);
            Compose();
        }
        catch (StaffAuthorizationException ex)
        {
            _error = ex.Message;
        }
    }

    private void Show(BoardFloor floor)
    {
        if (_floor is not null && floor.Version <= _floor.Version)
        {
            return; // Deliveries and reads can cross; an older floor never replaces a newer one.
        }
        _floor = floor;
        _now = floor.Board.TakenUtc;
        Compose();
    }

    private void Compose()
    {
        if (_floor is not null)
        {
            _snapshot = _floor.Board with { CanApproveEscalations = _approvals.CanApprove, AwaitingApproval = _approvals.AwaitingApproval };
        }
    }

    private async Task OpenAction(BoardAction action)
    {
        _error = null;
        _notice = null;
        if (action.Kind == BoardActionKind.Monitor)
        {
            Navigation.NavigateTo($"/board/monitor/{action.ConversationId}");
            return;
        }
        _transferTargets = action.Kind == BoardActionKind.Reassign && action.ConversationId is { } id
            ? await Conversations.ListTransferTargetsAsync(_actorId, id)
            : [];
        _pendingAction = action;
    }

    private async Task SubmitActionAsync(BoardActionInput input)
    {
        if (_busy || _pendingAction is not { } action)
        {
            return;
        }
        _busy = true;
        _error = null;
        try
        {
            switch (action.Kind)
            {
                case BoardActionKind.TakeOver:
                    await Conversations.TakeOverAsync(_actorId, action.ConversationId!.Value, input.Text);
                    Navigation.NavigateTo($"/conversations/{action.ConversationId}");
                    return;
                case BoardActionKind.Reassign:
                    await Conversations.ReassignAsync(_actorId, action.ConversationId!.Value, input.TargetStaffId ?? "", input.Text);
                    _notice = L["Notice_Reassigned", action.ConversationId!];
                    break;
                case BoardActionKind.PrivateNote:
                    await Notices.SendAsync(_actorId, action.StaffId, StaffNoticeKind.PrivateNote, input.Text, action.ConversationId);
                    _notice = L["Notice_NoteSent", action.StaffName];
                    break;
                case BoardActionKind.Nudge:
                    await Notices.SendAsync(_actorId, action.StaffId, StaffNoticeKind.WellbeingNudge, input.Text);
                    _notice = L["Notice_CheckInSent", action.StaffName];
                    break;
            }
            _pendingAction = null;
            await LoadAsync();
        }
        catch (Exception ex) when (ex is StaffAuthorizationException or ConversationActionException or StaffRuleException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private Task ApproveAsync(int escalationId) => EscalationStepAsync(() => Escalations.ApproveAsync(_actorId, escalationId), L["Notice_Approved", escalationId]);

    private Task ReturnAsync((int EscalationId, string Note) request)
        => EscalationStepAsync(() => Escalations.ReturnToDraftAsync(_actorId, request.EscalationId, request.Note), L["Notice_Returned", request.EscalationId]);

    private async Task EscalationStepAsync(Func<Task> step, string done)
    {
        if (_busy)
        {
            return;
        }
        _busy = true;
        _error = null;
        _notice = null;
        try
        {
            await step();
            _notice = done;
            await LoadAsync();
        }
        catch (Exception ex) when (ex is StaffAuthorizationException or EscalationRuleException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private void CancelAction() => _pendingAction = null;

    public void Dispose()
    {
        _ticker?.Dispose();
        _live?.Dispose();
    }
}
