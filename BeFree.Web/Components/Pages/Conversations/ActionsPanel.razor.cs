using BeFree.Core.Conversations;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Conversations;

public sealed partial class ActionsPanel
{
    private enum Mode { None, Release, Transfer, Close, TakeOver }

    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter] public bool IsShiftLead { get; set; }

    private Mode _mode;
    private string _note = "";
    private string _targetId = "";
    private string _disposition = "";
    private string _summary = "";
    private string? _done;
    private IReadOnlyList<TransferTarget> _targets = [];

    private bool CanTakeOver => IsShiftLead && Detail.Status == ConversationStatus.Assigned && !Detail.IsMine;

    private string NotYoursText => Detail.Status switch
    {
        ConversationStatus.Closed => Detail.Disposition is null ? L["Actions_Closed"] : L["Actions_ClosedWith", Detail.Disposition],
        ConversationStatus.Queued => L["Actions_Queued"],
        _ => L["Actions_HeldBy", Detail.AssignedToName ?? ""],
    };

    private void Open(Mode mode)
    {
        _mode = mode;
        _note = "";
        _done = null;
        Error = null;
    }

    private void Cancel() => _mode = Mode.None;

    private async Task OpenTransferAsync()
    {
        Open(Mode.Transfer);
        _targetId = "";
        await RunAsync(async () => _targets = await Conversations.ListTransferTargetsAsync(ActorId, Detail.ConversationId));
    }

    private async Task ReleaseAsync()
    {
        var note = string.IsNullOrWhiteSpace(_note) ? null : _note;
        if (await RunAsync(() => Conversations.ReleaseAsync(ActorId, Detail.ConversationId, note)))
        {
            // Back to the inbox: the released conversation waits in its queue, the rest of the work is there.
            Navigation.NavigateTo("/inbox");
        }
    }

    private async Task TransferAsync()
    {
        var (target, note) = (_targetId, _note);
        var name = _targets.FirstOrDefault(t => t.StaffId == target)?.DisplayName;
        if (await RunAsync(() => Conversations.TransferAsync(ActorId, Detail.ConversationId, target, note)))
        {
            _mode = Mode.None;
            _done = L["Actions_Transferred", name ?? ""];
        }
    }

    private async Task CloseAsync()
    {
        var (disposition, summary) = (_disposition, _summary);
        if (await RunAsync(() => Conversations.CloseAsync(ActorId, Detail.ConversationId, disposition, summary)))
        {
            _mode = Mode.None;
            _done = L["Actions_ClosedDone"];
        }
    }

    private async Task TakeOverAsync()
    {
        var reason = _note;
        if (await RunAsync(() => Conversations.TakeOverAsync(ActorId, Detail.ConversationId, reason)))
        {
            _mode = Mode.None;
            _done = L["Actions_Yours"];
        }
    }
}
