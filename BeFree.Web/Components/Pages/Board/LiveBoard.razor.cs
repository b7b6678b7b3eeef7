using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.Board;

/// <summary>
/// The whole floor at a glance, live: shows the shared floor (<see cref="BoardSnapshots"/>: read once per
/// change for every open board) plus this lead's approvals, re-read only when an escalation changes;
/// a one-second tick only re-renders the waiting times.
/// </summary>
public partial class LiveBoard
{
    [Inject] private LiveBoardService Board { get; set; } = default!;
    [Inject] private BoardSnapshots Floor { get; set; } = default!;
    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private EscalationService Escalations { get; set; } = default!;
    [Inject] private StaffNotices Notices { get; set; } = default!;
    [Inject] private ConversationNotifier Notifier { get; set; } = default!;
    [Inject] private LeadAlerts Alerts { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private LiveUpdates? _live;
    private Timer? _ticker;
    private string _actorId = "";
    private BoardSnapshot? snapshot;
    private BoardFloor? _floor;
    private LeadApprovals _approvals = new(false, []);
    private bool _accessChecked;
    private BoardFloor? _heldUntilChecked;
    private DateTime now;
    private string? error;
    private string? notice;
    private bool busy;
    private BoardAction? pendingAction;
    private IReadOnlyList<TransferTarget> TransferTargets { get; set; } = [];

    protected override async Task OnInitializedAsync()
    {
        _actorId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        // Subscribe before reading, so a change in between is not missed; older floors are ignored.
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
        _live.Follow<BoardFloor>(h => Floor.Subscribe(h), OnFloorChangedAsync);
        _live.Follow(h => Notifier.Subscribe(h, change => change.Kind == ConversationChangeKind.EscalationChanged), LoadApprovalsAsync);
        _live.Follow<LeadAlert>(h => Alerts.Subscribe(h), _ => LoadApprovalsAsync());
        await LoadAsync();
        _ticker = new Timer(_ => _ = InvokeAsync(() => { now = Clock.GetUtcNow().UtcDateTime; StateHasChanged(); }),
            null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
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
            error = ex.Message;
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
            error = ex.Message;
        }
    }

    private void Show(BoardFloor floor)
    {
        if (_floor is not null && floor.Version <= _floor.Version)
        {
            return; // Deliveries and reads can cross; an older floor never replaces a newer one.
        }
        _floor = floor;
        now = floor.Board.TakenUtc;
        Compose();
    }

    private void Compose()
    {
        if (_floor is not null)
        {
            snapshot = _floor.Board with { CanApproveEscalations = _approvals.CanApprove, AwaitingApproval = _approvals.AwaitingApproval };
        }
    }

    private async Task OpenAction(BoardAction action)
    {
        error = null;
        notice = null;
        if (action.Kind == BoardActionKind.Monitor)
        {
            Navigation.NavigateTo($"/board/monitor/{action.ConversationId}");
            return;
        }
        TransferTargets = action.Kind == BoardActionKind.Reassign && action.ConversationId is { } id
            ? await Conversations.ListTransferTargetsAsync(_actorId, id)
            : [];
        pendingAction = action;
    }

    private async Task SubmitActionAsync(BoardActionInput input)
    {
        if (busy || pendingAction is not { } action)
        {
            return;
        }
        busy = true;
        error = null;
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
                    notice = $"Conversation #{action.ConversationId} reassigned.";
                    break;
                case BoardActionKind.PrivateNote:
                    await Notices.SendAsync(_actorId, action.StaffId, StaffNoticeKind.PrivateNote, input.Text, action.ConversationId);
                    notice = $"Note sent to {action.StaffName}.";
                    break;
                case BoardActionKind.Nudge:
                    await Notices.SendAsync(_actorId, action.StaffId, StaffNoticeKind.WellbeingNudge, input.Text);
                    notice = $"Check-in sent to {action.StaffName}.";
                    break;
            }
            pendingAction = null;
            await LoadAsync();
        }
        catch (Exception ex) when (ex is StaffAuthorizationException or ConversationActionException or StaffRuleException)
        {
            error = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private Task ApproveAsync(int escalationId) => EscalationStepAsync(() => Escalations.ApproveAsync(_actorId, escalationId), $"Escalation #{escalationId} approved.");

    private Task ReturnAsync((int EscalationId, string Note) request)
        => EscalationStepAsync(() => Escalations.ReturnToDraftAsync(_actorId, request.EscalationId, request.Note), $"Escalation #{request.EscalationId} returned to its advocate.");

    private async Task EscalationStepAsync(Func<Task> step, string done)
    {
        if (busy)
        {
            return;
        }
        busy = true;
        error = null;
        notice = null;
        try
        {
            await step();
            notice = done;
            await LoadAsync();
        }
        catch (Exception ex) when (ex is StaffAuthorizationException or EscalationRuleException)
        {
            error = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }

    public void Dispose()
    {
        _ticker?.Dispose();
        _live?.Dispose();
    }

    internal static string Wait(TimeSpan wait) => wait.TotalHours >= 1 ? $"{(int)wait.TotalHours}h {wait.Minutes:D2}m" : $"{(int)wait.TotalMinutes}:{wait.Seconds:D2}";

    internal static string RiskClass(RiskLevel risk) => $"befree-risk befree-risk-{risk.ToString().ToLowerInvariant()}";
}
