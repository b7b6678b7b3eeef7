using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Tests.Core.Conversations;

namespace BeFree.Tests.Core.Queue;

/// <summary>
/// The queue orders by risk, then by how long the texter has waited for a reply: their oldest text since staff
/// last replied. Releasing a conversation never sends it to the back.
/// </summary>
public sealed class QueueWaitTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private QueueService Queue => _host.Get<QueueService>();
    private ConversationService Conversations => _host.Get<ConversationService>();
    private DateTime Now => _host.Clock.GetUtcNow().UtcDateTime;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex", capacity: 5);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<int>> QueueOrderAsync() => (await Queue.ListAsync(_advocate)).Select(i => i.ConversationId).ToList();

    [Fact]
    public async Task A_released_conversation_keeps_the_texters_real_wait_ahead_of_later_texts()
    {
        var texted = Now;
        var released = await _host.CreateConversationAsync("he locks the door");
        Assert.True((await Queue.ClaimAsync(_advocate, released)).Succeeded);
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await _host.CreateConversationAsync("hello?");
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        await Conversations.ReleaseAsync(_advocate, released);

        Assert.Equal([released, later], await QueueOrderAsync());
        var item = (await Queue.ListAsync(_advocate)).Single(i => i.ConversationId == released);
        Assert.Equal(texted, item.WaitingSinceUtc);
        Assert.Equal(Now, item.QueuedUtc);
    }

    [Fact]
    public async Task The_wait_counts_from_the_texters_first_text_after_the_last_reply()
    {
        var answered = await _host.CreateConversationAsync("hi");
        Assert.True((await Queue.ClaimAsync(_advocate, answered)).Succeeded);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await _host.Get<ReplyService>().SendReplyAsync(_advocate, answered, "We are here. Are you safe to text?");
        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        var wroteAgain = Now;
        await _host.TextFromTexterAsync(answered, "yes for now");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await _host.TextFromTexterAsync(answered, "he is back at 6");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var newcomer = await _host.CreateConversationAsync("need help");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Conversations.ReleaseAsync(_advocate, answered);

        var items = await Queue.ListAsync(_advocate);

        Assert.Equal(wroteAgain, items.Single(i => i.ConversationId == answered).WaitingSinceUtc);
        Assert.Equal([answered, newcomer], items.Select(i => i.ConversationId).ToList());
    }

    [Fact]
    public async Task An_answered_conversation_with_nothing_new_waits_from_its_release_and_risk_still_comes_first()
    {
        var answered = await _host.CreateConversationAsync("hi");
        Assert.True((await Queue.ClaimAsync(_advocate, answered)).Succeeded);
        await _host.Get<ReplyService>().SendReplyAsync(_advocate, answered, "We are here whenever you are ready.");
        _host.Clock.Advance(TimeSpan.FromMinutes(3));
        var waiting = await _host.CreateConversationAsync("are you there");
        _host.Clock.Advance(TimeSpan.FromMinutes(3));
        await Conversations.ReleaseAsync(_advocate, answered);
        var releasedAt = Now;
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var urgent = await _host.CreateConversationAsync("I can't leave", risk: RiskLevel.High);

        var items = await Queue.ListAsync(_advocate);

        Assert.Equal(releasedAt, items.Single(i => i.ConversationId == answered).WaitingSinceUtc);
        Assert.Equal([urgent, waiting, answered], items.Select(i => i.ConversationId).ToList());
    }
}
