using BeFree.Core.Conversations;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Board;

/// <summary>What the lead writes for one board action: a reason, a note or a check-in, and for a reassignment who takes it.</summary>
public partial class BoardActionPanel
{
    [Parameter, EditorRequired] public BoardAction Action { get; set; } = default!;
    [Parameter] public IReadOnlyList<TransferTarget> Targets { get; set; } = [];
    [Parameter] public bool Busy { get; set; }
    [Parameter] public EventCallback<BoardActionInput> OnSubmit { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    private string _text = "";
    private string? _targetStaffId;

    private string Title => Action.Kind switch
    {
        BoardActionKind.TakeOver => L["Title_TakeOver", Action.ConversationId!, Action.StaffName],
        BoardActionKind.Reassign => L["Title_Reassign", Action.ConversationId!, Action.StaffName],
        BoardActionKind.PrivateNote => L["Title_PrivateNote", Action.StaffName],
        _ => L["Title_Nudge", Action.StaffName],
    };

    private string SubmitLabel => Action.Kind switch
    {
        BoardActionKind.TakeOver => L["TakeOver"],
        BoardActionKind.Reassign => L["Reassign"],
        BoardActionKind.PrivateNote => L["SendNote"],
        _ => L["SendCheckIn"],
    };

    private string Prompt => Action.Kind switch
    {
        BoardActionKind.TakeOver => L["Prompt_TakeOver"],
        BoardActionKind.Reassign => L["Prompt_Reassign"],
        BoardActionKind.PrivateNote => L["Prompt_PrivateNote"],
        _ => L["Prompt_Nudge"],
    };

    internal static string TargetLabel(TransferTarget target)
        => BoardText.Format("Target", target.DisplayName, target.OpenConversations, target.Capacity,
            (target.IsOnShift ? "" : BoardText.Get("Target_Offline")) + (target.HasCapacity ? "" : BoardText.Get("Target_AtLimit")));

    protected override void OnParametersSet()
    {
        if (Action.Kind == BoardActionKind.Nudge && _text.Length == 0)
        {
            _text = L["NudgeDefault"];
        }
    }
}
