namespace BeFree.Web.Components.Pages.Board;

public enum BoardActionKind
{
    Monitor,
    TakeOver,
    Reassign,
    PrivateNote,
    Nudge,
}

/// <summary>What a lead chose to do from the board, and to whom.</summary>
public sealed record BoardAction(BoardActionKind Kind, string StaffId, string StaffName, int? ConversationId);

public sealed record BoardActionInput(string Text, string? TargetStaffId);
