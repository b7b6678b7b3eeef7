namespace BeFree.Web.Components.Pages.Inbox;

/// <summary>What the thread pane does after a render.</summary>
public enum ThreadFollowAction
{
    None,
    ScrollToBottom,
    ShowNewMessages,
}

/// <summary>
/// Keeps the thread on its newest text unless the advocate scrolled up to read: then a new text only raises a
/// "New messages" marker, so nobody loses their place. Decides only; the page's script does the scrolling.
/// </summary>
public sealed class ThreadFollow
{
    private int? _conversationId;
    private long? _newestId;

    /// <summary>Whether the pane is scrolled to its newest text (as the browser last reported).</summary>
    public bool AtBottom { get; private set; } = true;

    /// <summary>A text arrived while the advocate was scrolled up and has not been seen yet.</summary>
    public bool ShowMarker { get; private set; }

    /// <summary>The thread shown now: another conversation opens at its newest text; a new text follows the rules above.</summary>
    public ThreadFollowAction Shown(int conversationId, long? newestMessageId)
    {
        if (_conversationId != conversationId)
        {
            _conversationId = conversationId;
            _newestId = newestMessageId;
            AtBottom = true;
            ShowMarker = false;
            return ThreadFollowAction.ScrollToBottom;
        }
        if (newestMessageId is null || newestMessageId == _newestId)
        {
            return ThreadFollowAction.None;
        }
        _newestId = newestMessageId;
        if (AtBottom)
        {
            return ThreadFollowAction.ScrollToBottom;
        }
        ShowMarker = true;
        return ThreadFollowAction.ShowNewMessages;
    }

    /// <summary>The browser says the pane moved: back at the bottom, everything is seen.</summary>
    public void Scrolled(bool atBottom)
    {
        AtBottom = atBottom;
        if (atBottom)
        {
            ShowMarker = false;
        }
    }

    /// <summary>The "New messages" button: jump down and follow again.</summary>
    public ThreadFollowAction JumpToNewest()
    {
        AtBottom = true;
        ShowMarker = false;
        return ThreadFollowAction.ScrollToBottom;
    }

    /// <summary>No conversation open.</summary>
    public void Clear()
    {
        _conversationId = null;
        _newestId = null;
        AtBottom = true;
        ShowMarker = false;
    }
}
