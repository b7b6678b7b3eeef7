using BeFree.Core.Conversations;

namespace BeFree.Tests.Core.Conversations;

/// <summary>Which changes make an open screen re-read one person's list: the flood of new texters must not.</summary>
public sealed class MyConversationsWatchTests
{
    private const string Me = "advocate-1";
    private const string Other = "advocate-2";

    [Theory]
    [InlineData(ConversationChangeKind.Created)]
    [InlineData(ConversationChangeKind.MessageAdded)]
    [InlineData(ConversationChangeKind.MessageStatusChanged)]
    [InlineData(ConversationChangeKind.Claimed)]
    public void Changes_to_conversations_not_mine_and_not_by_me_do_not_concern_my_list(ConversationChangeKind kind)
    {
        var watch = new MyConversationsWatch(Me);
        watch.Shown([1, 2]);

        Assert.False(watch.Concerns(new ConversationChange(7, kind)));
        Assert.False(watch.Concerns(new ConversationChange(7, kind, Other)));
    }

    [Theory]
    [InlineData(ConversationChangeKind.MessageAdded)]
    [InlineData(ConversationChangeKind.Transferred)]
    [InlineData(ConversationChangeKind.Closed)]
    [InlineData(ConversationChangeKind.Released)]
    public void Any_change_to_a_conversation_my_list_shows_concerns_it(ConversationChangeKind kind)
    {
        var watch = new MyConversationsWatch(Me);
        watch.Shown([1, 2]);

        // A texter writing, a lead taking it over or closing it: the list changes whoever acted.
        Assert.True(watch.Concerns(new ConversationChange(2, kind)));
        Assert.True(watch.Concerns(new ConversationChange(2, kind, Other)));
    }

    [Fact]
    public void What_I_claim_or_am_handed_concerns_my_list_and_its_texts_do_before_the_list_is_read_again()
    {
        var watch = new MyConversationsWatch(Me);
        watch.Shown([1]);

        Assert.True(watch.Concerns(new ConversationChange(9, ConversationChangeKind.Claimed, Me)));
        // The texter writes while the screen is still re-reading the list from before the claim.
        Assert.True(watch.Concerns(new ConversationChange(9, ConversationChangeKind.MessageAdded)));
        watch.Shown([1]); // That read began before the claim committed, so it lacks 9: still watched.
        Assert.True(watch.Concerns(new ConversationChange(9, ConversationChangeKind.MessageAdded)));

        // A lead hands me 12 (the change names the new holder).
        Assert.True(watch.Concerns(new ConversationChange(12, ConversationChangeKind.Transferred, Me)));
        watch.Shown([1, 9, 12]);
        Assert.True(watch.Concerns(new ConversationChange(12, ConversationChangeKind.MessageAdded)));
    }

    [Fact]
    public void A_conversation_that_left_my_list_no_longer_concerns_it()
    {
        var watch = new MyConversationsWatch(Me);
        watch.Shown([1, 5]);
        watch.Shown([1]); // Released, or taken over.

        Assert.False(watch.Concerns(new ConversationChange(5, ConversationChangeKind.MessageAdded)));
    }

    [Fact]
    public void A_reopened_conversation_may_come_back_to_me_so_it_concerns_every_list()
    {
        var watch = new MyConversationsWatch(Me);
        watch.Shown([]);

        Assert.True(watch.Concerns(new ConversationChange(30, ConversationChangeKind.Reopened)));
    }
}
