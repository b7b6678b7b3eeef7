using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Conversations;

/// <summary>Drafts kept per person and conversation until sent or closed; one message per submission key.</summary>
public sealed class ReplyDraftAndSubmissionTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private string _lead = null!;
    private int _conversation;
    private ReplyDraftService Drafts => _host.Get<ReplyDraftService>();
    private ReplyService Replies => _host.Get<ReplyService>();

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex");
        _lead = await _host.CreateLeadAsync("Lee");
        _conversation = await _host.CreateConversationAsync("help");
        Assert.True((await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation)).Succeeded);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<int> OutboundCountAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.Messages.CountAsync(m => m.ConversationId == _conversation && m.Direction == MessageDirection.Outbound);
    }

    [Fact]
    public async Task A_draft_is_kept_per_person_and_conversation_and_replaced_by_the_newest_text()
    {
        var second = await _host.CreateConversationAsync("another");
        await Drafts.SaveAsync(_advocate, _conversation, "Are you");
        await Drafts.SaveAsync(_advocate, _conversation, "Are you safe to text?");
        await Drafts.SaveAsync(_advocate, second, "Hello");

        Assert.Equal("Are you safe to text?", await Drafts.GetAsync(_advocate, _conversation));
        Assert.Equal("Hello", await Drafts.GetAsync(_advocate, second));
        Assert.Null(await Drafts.GetAsync(_lead, _conversation));

        await Drafts.SaveAsync(_advocate, _conversation, "  ");
        Assert.Null(await Drafts.GetAsync(_advocate, _conversation));
    }

    [Fact]
    public async Task Sending_clears_the_senders_draft_and_closing_clears_every_draft()
    {
        await Drafts.SaveAsync(_advocate, _conversation, "We are here.");
        await Drafts.SaveAsync(_lead, _conversation, "a lead's thought");

        await Replies.SendReplyAsync(_advocate, _conversation, "We are here.");
        Assert.Null(await Drafts.GetAsync(_advocate, _conversation));
        Assert.Equal("a lead's thought", await Drafts.GetAsync(_lead, _conversation));

        await Drafts.SaveAsync(_advocate, _conversation, "Take care");
        await _host.Get<ConversationService>().CloseAsync(_advocate, _conversation,
            _host.Get<ConversationService>().Dispositions[0], "Texter safe for now.");
        Assert.Null(await Drafts.GetAsync(_advocate, _conversation));
        Assert.Null(await Drafts.GetAsync(_lead, _conversation));
    }

    [Fact]
    public async Task Two_submits_with_one_key_store_one_message_even_at_the_same_moment()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = 0;
        _host.Outbound.BeforeEnqueue = () => Interlocked.Increment(ref entered) == 1 ? release.Task : Task.CompletedTask;

        // Either call may take the key first (on a server database they truly interleave): the one that takes it is held
        // at the queue, and the other must come back as already submitted while it waits.
        var one = Replies.SendReplyAsync(_advocate, _conversation, "Are you safe?", submissionKey: "key-1");
        var other = Replies.SendReplyAsync(_advocate, _conversation, "Are you safe?", submissionKey: "key-1");
        var returned = await Task.WhenAny(one, other);
        Assert.True((await returned).AlreadySubmitted);
        release.SetResult();
        var sent = await (returned == one ? other : one);

        Assert.False(sent.AlreadySubmitted);
        var again = await Replies.SendReplyAsync(_advocate, _conversation, "Are you safe?", submissionKey: "key-1");
        Assert.True(again.AlreadySubmitted);
        Assert.Equal(sent.MessageId, again.MessageId);
        Assert.Equal(1, await OutboundCountAsync());
        Assert.Single(_host.Outbound.Sent);
        Assert.Single(await _host.AuditAsync(AuditActions.ReplyQueued));

        await Replies.SendReplyAsync(_advocate, _conversation, "Are you safe?", submissionKey: "key-2");
        Assert.Equal(2, await OutboundCountAsync());
    }

    [Fact]
    public async Task A_refused_submit_keeps_its_key_free_for_a_retry()
    {
        _host.Outbound.BeforeEnqueue = () => throw new InvalidOperationException("Twilio module down");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Replies.SendReplyAsync(_advocate, _conversation, "hi", submissionKey: "k"));

        _host.Outbound.BeforeEnqueue = null;
        var retried = await Replies.SendReplyAsync(_advocate, _conversation, "hi", submissionKey: "k");

        Assert.False(retried.AlreadySubmitted);
        Assert.Equal(1, await OutboundCountAsync());
    }

    [Fact]
    public async Task A_reply_over_the_limit_is_refused_with_its_count_and_nothing_is_stored()
    {
        var body = new string('a', ReplyService.MaxBodyLength + 25);
        var refused = await Assert.ThrowsAsync<ConversationActionException>(() => Replies.SendReplyAsync(_advocate, _conversation, body, submissionKey: "k"));
        Assert.Contains($"this one has {body.Length}", refused.Message);
        Assert.Equal(0, await OutboundCountAsync());
    }
}
