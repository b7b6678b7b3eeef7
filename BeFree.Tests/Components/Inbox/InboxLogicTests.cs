using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Web.Components.Pages.Inbox;

namespace BeFree.Tests.Components.Inbox;

/// <summary>The inbox's decisions, without a browser: list order, thread following, key handling.</summary>
public sealed class InboxLogicTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 14, 0, 0, DateTimeKind.Utc);

    private static MyConversationItem Item(int id, DateTime last, DateTime? waitingSince) => new(id, "***-***-" + id, "hi", last, 0,
        RiskLevel.Unknown, null, false, false, false, Now, ConversationLanguage.English, waitingSince);

    [Fact]
    public void Conversations_awaiting_an_answer_come_first_longest_wait_on_top_then_the_rest_by_latest_text()
    {
        var answeredRecently = Item(1, Now, null);
        var answeredEarlier = Item(2, Now.AddMinutes(-30), null);
        var waitingTwoMinutes = Item(3, Now.AddMinutes(-2), Now.AddMinutes(-2));
        var waitingTenMinutes = Item(4, Now.AddMinutes(-1), Now.AddMinutes(-10));

        var ordered = InboxList.Order([answeredEarlier, waitingTwoMinutes, answeredRecently, waitingTenMinutes]);

        Assert.Equal(new[] { 4, 3, 1, 2 }, ordered.Select(c => c.ConversationId));
    }

    [Fact]
    public void Next_and_previous_stay_within_the_list_and_start_at_an_end_when_none_is_open()
    {
        IReadOnlyList<MyConversationItem> list = [Item(7, Now, null), Item(8, Now, null), Item(9, Now, null)];

        Assert.Equal(8, InboxList.Neighbour(list, 7, 1));
        Assert.Equal(9, InboxList.Neighbour(list, 9, 1));
        Assert.Equal(7, InboxList.Neighbour(list, 7, -1));
        Assert.Equal(7, InboxList.Neighbour(list, null, 1));
        Assert.Equal(9, InboxList.Neighbour(list, null, -1));
        Assert.Equal(7, InboxList.Neighbour(list, 42, 1)); // The open one is a queue or closed conversation.
        Assert.Null(InboxList.Neighbour([], 7, 1));
    }

    [Fact]
    public void A_new_text_scrolls_down_when_the_advocate_is_at_the_bottom()
    {
        var follow = new ThreadFollow();
        Assert.Equal(ThreadFollowAction.ScrollToBottom, follow.Shown(1, 10));
        Assert.Equal(ThreadFollowAction.None, follow.Shown(1, 10));

        Assert.Equal(ThreadFollowAction.ScrollToBottom, follow.Shown(1, 11));
        Assert.False(follow.ShowMarker);
    }

    [Fact]
    public void A_new_text_shows_the_marker_instead_when_the_advocate_scrolled_up_and_jumping_down_follows_again()
    {
        var follow = new ThreadFollow();
        follow.Shown(1, 10);
        follow.Scrolled(atBottom: false);

        Assert.Equal(ThreadFollowAction.ShowNewMessages, follow.Shown(1, 11));
        Assert.True(follow.ShowMarker);
        Assert.Equal(ThreadFollowAction.ShowNewMessages, follow.Shown(1, 12));

        Assert.Equal(ThreadFollowAction.ScrollToBottom, follow.JumpToNewest());
        Assert.False(follow.ShowMarker);
        Assert.Equal(ThreadFollowAction.ScrollToBottom, follow.Shown(1, 13));
    }

    [Fact]
    public void Scrolling_back_down_by_hand_clears_the_marker_and_another_conversation_opens_at_its_newest_text()
    {
        var follow = new ThreadFollow();
        follow.Shown(1, 10);
        follow.Scrolled(atBottom: false);
        follow.Shown(1, 11);

        follow.Scrolled(atBottom: true);
        Assert.False(follow.ShowMarker);

        follow.Scrolled(atBottom: false);
        Assert.Equal(ThreadFollowAction.ScrollToBottom, follow.Shown(2, 20));
        Assert.True(follow.AtBottom);
        Assert.False(follow.ShowMarker);
    }

    [Theory]
    [InlineData("j", false, false, InboxCommand.NextConversation)]
    [InlineData("k", false, false, InboxCommand.PreviousConversation)]
    [InlineData("ArrowDown", true, false, InboxCommand.NextConversation)]
    [InlineData("ArrowUp", true, false, InboxCommand.PreviousConversation)]
    [InlineData("ArrowDown", false, false, InboxCommand.None)]
    [InlineData("c", false, false, InboxCommand.ClaimNext)]
    [InlineData("r", false, false, InboxCommand.FocusReply)]
    [InlineData("?", false, false, InboxCommand.ShowHelp)]
    [InlineData("x", false, false, InboxCommand.None)]
    [InlineData("j", true, false, InboxCommand.None)]
    [InlineData("j", false, true, InboxCommand.None)]
    [InlineData("c", false, true, InboxCommand.None)]
    [InlineData("?", false, true, InboxCommand.None)]
    [InlineData("ArrowDown", true, true, InboxCommand.None)]
    [InlineData("Escape", false, true, InboxCommand.LeaveReply)]
    [InlineData("Escape", false, false, InboxCommand.None)]
    public void Keys_mean_their_command_and_letters_are_text_while_typing(string key, bool alt, bool typing, InboxCommand expected)
        => Assert.Equal(expected, InboxShortcuts.Resolve(key, alt, typing));

    [Fact]
    public void Every_command_is_listed_in_the_help()
    {
        var listed = InboxShortcuts.All.Select(s => s.Command).ToHashSet();
        foreach (var command in Enum.GetValues<InboxCommand>().Where(c => c != InboxCommand.None))
        {
            Assert.Contains(command, listed);
        }
    }
}
