using BeFree.Core.Conversations;
using BeFree.Core.Queue;

namespace BeFree.Tests.Core.Conversations;

/// <summary>The advocate who loses a conversation is told who has it now and why.</summary>
public sealed class HandoverNoticeTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private string _other = null!;
    private string _lead = null!;
    private int _conversation;
    private ConversationService Conversations => _host.Get<ConversationService>();

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex Advocate");
        _other = await _host.CreateAdvocateAsync("Sam Spanish");
        _lead = await _host.CreateLeadAsync("Lee Lead");
        _conversation = await _host.CreateConversationAsync("help");
        Assert.True((await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation)).Succeeded);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_holder_has_no_notice()
        => Assert.Null(await Conversations.GetHandoverNoticeAsync(_advocate, _conversation));

    [Fact]
    public async Task A_take_over_says_who_and_why()
    {
        await Conversations.TakeOverAsync(_lead, _conversation, "texter reports immediate danger");

        var notice = await Conversations.GetHandoverNoticeAsync(_advocate, _conversation);

        Assert.NotNull(notice);
        Assert.Equal("Taken over by Lee Lead: texter reports immediate danger", notice.Message);
        Assert.Equal("Lee Lead", notice.NowHeldBy);
        // The lead now holds it: nothing to tell them, and nothing to tell someone it never concerned.
        Assert.Null(await Conversations.GetHandoverNoticeAsync(_lead, _conversation));
        Assert.Null(await Conversations.GetHandoverNoticeAsync(_other, _conversation));
    }

    [Fact]
    public async Task A_transfer_and_a_reassignment_say_to_whom()
    {
        await Conversations.TransferAsync(_advocate, _conversation, _other, "She prefers Spanish.");
        Assert.Equal("Transferred to Sam Spanish.", (await Conversations.GetHandoverNoticeAsync(_advocate, _conversation))?.Message);

        await Conversations.ReassignAsync(_lead, _conversation, _advocate, "Sam is going off shift");
        Assert.Null(await Conversations.GetHandoverNoticeAsync(_advocate, _conversation));
        Assert.Equal("Reassigned to Alex Advocate by Lee Lead: Sam is going off shift",
            (await Conversations.GetHandoverNoticeAsync(_other, _conversation))?.Message);
    }

    [Fact]
    public async Task Claiming_it_again_later_ends_the_notice()
    {
        await Conversations.TakeOverAsync(_lead, _conversation, "supervision");
        await Conversations.ReleaseAsync(_lead, _conversation);
        Assert.NotNull(await Conversations.GetHandoverNoticeAsync(_advocate, _conversation));

        Assert.True((await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation)).Succeeded);
        await Conversations.ReleaseAsync(_advocate, _conversation);

        Assert.Null(await Conversations.GetHandoverNoticeAsync(_advocate, _conversation));
    }
}
