namespace BeFree.Web.Components.Pages.Inbox;

public enum InboxCommand
{
    None,
    NextConversation,
    PreviousConversation,
    ClaimNext,
    FocusReply,
    ShowHelp,
    LeaveReply,
}

/// <summary>
/// Every inbox keyboard shortcut, in one place: the key handler and the help dialog read this map. Letters never act
/// while someone types in a field (they are text there); Escape does, to leave the field.
/// </summary>
public static class InboxShortcuts
{
    public sealed record Shortcut(string Keys, string Meaning, InboxCommand Command);

    public static readonly IReadOnlyList<Shortcut> All =
    [
        new("j  or  Alt+↓", "Next conversation", InboxCommand.NextConversation),
        new("k  or  Alt+↑", "Previous conversation", InboxCommand.PreviousConversation),
        new("c", "Claim the conversation at the top of the queue", InboxCommand.ClaimNext),
        new("r", "Write a reply (focus the reply box)", InboxCommand.FocusReply),
        new("Esc", "Leave the reply box", InboxCommand.LeaveReply),
        new("?", "Show these shortcuts", InboxCommand.ShowHelp),
        new("Enter / Shift+Enter", "In the reply box: send / new line (when \"Enter sends\" is on in your preferences)", InboxCommand.None),
    ];

    /// <summary>
    /// The command for a key press (<paramref name="key"/> as the browser's <c>KeyboardEvent.key</c>).
    /// Presses with Ctrl or Meta belong to the browser and never reach here.
    /// </summary>
    public static InboxCommand Resolve(string key, bool alt, bool typing)
    {
        if (key == "Escape")
        {
            return typing ? InboxCommand.LeaveReply : InboxCommand.None;
        }
        if (typing)
        {
            return InboxCommand.None;
        }
        if (alt)
        {
            return key switch
            {
                "ArrowDown" => InboxCommand.NextConversation,
                "ArrowUp" => InboxCommand.PreviousConversation,
                _ => InboxCommand.None,
            };
        }
        return key switch
        {
            "j" => InboxCommand.NextConversation,
            "k" => InboxCommand.PreviousConversation,
            "c" => InboxCommand.ClaimNext,
            "r" => InboxCommand.FocusReply,
            "?" => InboxCommand.ShowHelp,
            _ => InboxCommand.None,
        };
    }
}
