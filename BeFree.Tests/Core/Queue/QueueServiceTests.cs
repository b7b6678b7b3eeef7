using System.Collections.Concurrent;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;

namespace BeFree.Tests.Core.Queue;

public sealed class QueueServiceTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private QueueService Queue => _host.Get<QueueService>();

    public async Task InitializeAsync() => _host = await WorkspaceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Fifty_simultaneous_claims_of_one_conversation_have_exactly_one_winner()
    {
        var conversationId = await _host.CreateConversationAsync();
        var advocates = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            advocates.Add(await _host.CreateAdvocateAsync($"Advocate {i:D2}"));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = advocates.Select(id => Task.Run(async () =>
        {
            await start.Task;
            return (Id: id, Result: await Queue.ClaimAsync(id, conversationId));
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(claims);

        var winners = results.Where(r => r.Result.Outcome == ClaimOutcome.Claimed).ToList();
        var winner = Assert.Single(winners);
        var losers = results.Where(r => r.Result.Outcome != ClaimOutcome.Claimed).ToList();
        Assert.Equal(49, losers.Count);
        Assert.All(losers, l =>
        {
            Assert.Equal(ClaimOutcome.ClaimedByOther, l.Result.Outcome);
            Assert.Equal($"Claimed by {winner.Result.ClaimedByName}.", l.Result.Message);
        });
        var conversation = await _host.ConversationAsync(conversationId);
        Assert.Equal(winner.Id, conversation.AssignedToId);
        Assert.Equal(ConversationStatus.Assigned, conversation.Status);
        var audit = Assert.Single(await _host.AuditAsync(AuditActions.ConversationClaimed));
        Assert.Equal(winner.Id, audit.ActorId);
    }

    [Fact]
    public async Task Simultaneous_claims_by_one_advocate_never_exceed_their_capacity()
    {
        var advocate = await _host.CreateAdvocateAsync("Dana", capacity: 2);
        var conversations = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            conversations.Add(await _host.CreateConversationAsync());
        }
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = conversations.Select(id => Task.Run(async () =>
        {
            await start.Task;
            return await Queue.ClaimAsync(advocate, id);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(claims);

        Assert.Equal(2, results.Count(r => r.Outcome == ClaimOutcome.Claimed));
        Assert.Equal(8, results.Count(r => r.Outcome == ClaimOutcome.AtCapacity));
        Assert.Equal(8, (await Queue.ListAsync(advocate)).Count);
    }

    [Fact]
    public async Task A_claim_beyond_capacity_is_refused_with_a_clear_message_and_leaves_the_conversation_queued()
    {
        var advocate = await _host.CreateAdvocateAsync("Sam", capacity: 1);
        var first = await _host.CreateConversationAsync();
        var second = await _host.CreateConversationAsync();
        Assert.Equal(ClaimOutcome.Claimed, (await Queue.ClaimAsync(advocate, first)).Outcome);

        var refused = await Queue.ClaimAsync(advocate, second);

        Assert.Equal(ClaimOutcome.AtCapacity, refused.Outcome);
        Assert.False(refused.Succeeded);
        Assert.Contains("your limit of 1", refused.Message);
        var conversation = await _host.ConversationAsync(second);
        Assert.Equal(ConversationStatus.Queued, conversation.Status);
        Assert.Null(conversation.AssignedToId);
    }

    [Fact]
    public async Task A_repeated_click_on_claim_is_harmless()
    {
        var advocate = await _host.CreateAdvocateAsync("Sam");
        var id = await _host.CreateConversationAsync();
        var changes = new ConcurrentQueue<ConversationChange>();
        using var subscription = _host.Get<ConversationNotifier>().Subscribe(c => { changes.Enqueue(c); return Task.CompletedTask; });

        var first = await Queue.ClaimAsync(advocate, id);
        var second = await Queue.ClaimAsync(advocate, id);
        await subscription.WhenIdleAsync();

        Assert.Equal(ClaimOutcome.Claimed, first.Outcome);
        Assert.Equal(ClaimOutcome.AlreadyYours, second.Outcome);
        Assert.True(second.Succeeded);
        Assert.Single(await _host.AuditAsync(AuditActions.ConversationClaimed));
        var change = Assert.Single(changes);
        Assert.Equal(new ConversationChange(id, ConversationChangeKind.Claimed, advocate), change);
    }

    [Fact]
    public async Task Closed_and_missing_conversations_cannot_be_claimed()
    {
        var advocate = await _host.CreateAdvocateAsync("Sam");
        var id = await _host.CreateConversationAsync();
        await using (var db = await _host.DbAsync())
        {
            var conversation = await db.Conversations.FindAsync(id);
            conversation!.Status = ConversationStatus.Closed;
            await db.SaveChangesAsync();
        }

        Assert.Equal(ClaimOutcome.NotAvailable, (await Queue.ClaimAsync(advocate, id)).Outcome);
        Assert.Equal(ClaimOutcome.NotAvailable, (await Queue.ClaimAsync(advocate, 99999)).Outcome);
    }

    [Fact]
    public async Task Disabled_staff_cannot_claim()
    {
        var advocate = await _host.CreateAdvocateAsync("Sam");
        var id = await _host.CreateConversationAsync();
        await using (var db = await _host.DbAsync())
        {
            (await db.Users.FindAsync(advocate))!.IsActive = false;
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Queue.ClaimAsync(advocate, id));
        Assert.Null((await _host.ConversationAsync(id)).AssignedToId);
    }

    [Fact]
    public async Task The_queue_lists_unclaimed_conversations_by_risk_then_longest_wait_with_masked_numbers()
    {
        var advocate = await _host.CreateAdvocateAsync("Sam");
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        var oldLow = await _host.CreateConversationAsync("hello?", "+15551230001", queuedUtc: now.AddMinutes(-30));
        var newUnknown = await _host.CreateConversationAsync("is anyone there", "+15551230002", queuedUtc: now.AddMinutes(-1));
        var suggestedImminent = await _host.CreateConversationAsync("he has a gun", "+15551230003", suggested: RiskLevel.Imminent, queuedUtc: now.AddMinutes(-2));
        var high = await _host.CreateConversationAsync("they took my passport", "+15551230004", risk: RiskLevel.High, queuedUtc: now.AddMinutes(-3));
        var olderUnknown = await _host.CreateConversationAsync("help", "+15551230005", queuedUtc: now.AddMinutes(-10), training: true);
        var claimed = await _host.CreateConversationAsync("mine", "+15551230006");
        await Queue.ClaimAsync(advocate, claimed);

        var items = await Queue.ListAsync(advocate);

        Assert.Equal([suggestedImminent, high, oldLow, olderUnknown, newUnknown], items.Select(i => i.ConversationId));
        var first = items[0];
        Assert.Equal("+1 ••• ••• 0003", first.MaskedNumber);
        Assert.Equal("he has a gun", first.Preview);
        Assert.Equal(RiskLevel.Imminent, first.Priority);
        Assert.True(items.Single(i => i.ConversationId == olderUnknown).IsTraining);
        Assert.DoesNotContain(items, i => i.MaskedNumber.Contains("555123"));
    }

    [Fact]
    public async Task Long_previews_are_shortened()
    {
        var advocate = await _host.CreateAdvocateAsync("Sam");
        await _host.CreateConversationAsync(new string('a', 300));

        var item = Assert.Single(await Queue.ListAsync(advocate));

        Assert.Equal(141, item.Preview.Length);
        Assert.EndsWith("…", item.Preview);
    }
}
