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
    /// <param name="Keys">Alternative keys for the same command (key caps, not translated).</param>
    /// <param name="TextKey">What it does, in InboxText.resx under "Shortcut_" + this key.</param>
    public sealed record Shortcut(IReadOnlyList<string> Keys, string TextKey, InboxCommand Command);

    public static readonly IReadOnlyList<Shortcut> All =
    [
        new(["j", "Alt+↓"], "NextConversation", InboxCommand.NextConversation),
        new(["k", "Alt+↑"], "PreviousConversation", InboxCommand.PreviousConversation),
        new(["c"], "ClaimNext", InboxCommand.ClaimNext),
        new(["r"], "FocusReply", InboxCommand.FocusReply),
        new(["Esc"], "LeaveReply", InboxCommand.LeaveReply),
        new(["?"], "ShowHelp", InboxCommand.ShowHelp),
        new(["Enter / Shift+Enter"], "EnterSends", InboxCommand.None),
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
