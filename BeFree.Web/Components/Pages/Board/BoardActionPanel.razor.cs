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
        BoardActionKind.TakeOver => $"Take over conversation #{Action.ConversationId} from {Action.StaffName}",
        BoardActionKind.Reassign => $"Reassign conversation #{Action.ConversationId} from {Action.StaffName}",
        BoardActionKind.PrivateNote => $"Private note to {Action.StaffName}",
        _ => $"Check in with {Action.StaffName}",
    };

    private string SubmitLabel => Action.Kind switch
    {
        BoardActionKind.TakeOver => "Take over",
        BoardActionKind.Reassign => "Reassign",
        BoardActionKind.PrivateNote => "Send note",
        _ => "Send check-in",
    };

    private string Prompt => Action.Kind switch
    {
        BoardActionKind.TakeOver => "Reason (recorded in the audit log)",
        BoardActionKind.Reassign => "Note for the new advocate (the texter is not told)",
        BoardActionKind.PrivateNote => "Note (only they see it; never sent to the texter)",
        _ => "Message",
    };

    internal static string TargetLabel(TransferTarget target)
        => $"{target.DisplayName} ({target.OpenConversations}/{target.Capacity} open{(target.IsOnShift ? "" : ", offline")}{(target.HasCapacity ? "" : ", at their limit")})";

    protected override void OnParametersSet()
    {
        if (Action.Kind == BoardActionKind.Nudge && _text.Length == 0)
        {
            _text = "You've had a hard stretch. Take a break when you can; I can cover.";
        }
    }
}
