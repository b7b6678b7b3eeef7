using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BeFree.Web.Components.Pages.Board;

/// <summary>Who is on shift, with their load, their warnings and what each holds; the lead's actions per conversation.</summary>
public partial class BoardAdvocates
{
    [Parameter, EditorRequired] public IReadOnlyList<BoardAdvocate> Advocates { get; set; } = [];
    [Parameter] public DateTime Now { get; set; }
    [Parameter] public EventCallback<BoardAction> OnAction { get; set; }

    private Task Act(BoardActionKind kind, BoardAdvocate advocate, BoardConversationItem conversation)
        => OnAction.InvokeAsync(new BoardAction(kind, advocate.StaffId, advocate.DisplayName, conversation.ConversationId));

    // The chip's words say the state; icon and colour only help.
    private static Color PresenceColor(PresenceState state) => state switch
    {
        PresenceState.Online => Color.Success,
        PresenceState.Away => Color.Warning,
        _ => Color.Default,
    };

    private static string PresenceIcon(PresenceState state) => state switch
    {
        PresenceState.Online => Icons.Material.Filled.CheckCircle,
        PresenceState.Away => Icons.Material.Filled.FreeBreakfast,
        _ => Icons.Material.Filled.PowerSettingsNew,
    };
}
