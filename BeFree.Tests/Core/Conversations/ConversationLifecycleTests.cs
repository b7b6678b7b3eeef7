using System.Collections.Concurrent;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;

namespace BeFree.Tests.Core.Conversations;

public sealed class ConversationLifecycleTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private ConversationService Conversations => _host.Get<ConversationService>();

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<int> ClaimedConversationAsync(string body = "hi", string? phone = null)
    {
        var id = await _host.CreateConversationAsync(body, phone);
        Assert.True((await _host.Get<QueueService>().ClaimAsync(_advocate, id)).Succeeded);
        return id;
    }

    [Fact]
    public async Task My_conversations_show_unread_counts_until_marked_read()
    {
        var id = await ClaimedConversationAsync("are you there", "+15557654321");

        var mine = Assert.Single(await Conversations.ListMineAsync(_advocate));
        Assert.Equal(1, mine.UnreadCount);
        Assert.Equal("+1 ••• ••• 4321", mine.MaskedNumber);
        Assert.Equal("are you there", mine.LastMessagePreview);

        Assert.True(await Conversations.MarkReadAsync(_advocate, id));
        Assert.False(await Conversations.MarkReadAsync(_advocate, id));
        Assert.Equal(0, Assert.Single(await Conversations.ListMineAsync(_advocate)).UnreadCount);
    }

    [Fact]
    public async Task Release_puts_the_conversation_back_in_the_queue_with_a_fresh_wait()
    {
        var id = await ClaimedConversationAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        await Conversations.ReleaseAsync(_advocate, id, "end of my shift");

        var conversation = await _host.ConversationAsync(id);
        Assert.Equal(ConversationStatus.Queued, conversation.Status);
        Assert.Null(conversation.AssignedToId);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, conversation.QueuedUtc);
        Assert.Empty(await Conversations.ListMineAsync(_advocate));
        Assert.Single(await _host.Get<QueueService>().ListAsync(_advocate));
        Assert.Single(await _host.AuditAsync(AuditActions.ConversationReleased));
        // A second click finds nothing of theirs to release.
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Conversations.ReleaseAsync(_advocate, id));
    }

    [Fact]
    public async Task Transfer_hands_over_with_an_internal_note_and_tells_the_texter_nothing()
    {
        var id = await ClaimedConversationAsync();
        var target = await _host.CreateAdvocateAsync("Blair");
        var changes = new ConcurrentQueue<ConversationChange>();
        using var subscription = _host.Get<ConversationNotifier>().Subscribe(c => { changes.Enqueue(c); return Task.CompletedTask; });

        var targets = await Conversations.ListTransferTargetsAsync(_advocate, id);
        Assert.Contains(targets, t => t.StaffId == target && t.HasCapacity);
        Assert.DoesNotContain(targets, t => t.StaffId == _advocate);

        await Conversations.TransferAsync(_advocate, id, target, "She prefers Spanish; you speak it.");

        var conversation = await _host.ConversationAsync(id);
        Assert.Equal(target, conversation.AssignedToId);
        Assert.Equal(ConversationStatus.Assigned, conversation.Status);
        Assert.Empty(_host.Outbound.Sent);
        var detail = await Conversations.GetDetailAsync(target, id);
        var note = Assert.Single(detail.Notes);
        Assert.Equal(ConversationNoteKind.Transfer, note.Kind);
        Assert.Contains("prefers Spanish", note.Body);
        Assert.DoesNotContain(detail.Messages, m => m.Direction == BeFree.Core.Conversations.MessageDirection.Outbound);
        await subscription.WhenIdleAsync();
        Assert.Contains(changes, c => c.Kind == ConversationChangeKind.Transferred && c.StaffId == target);
        Assert.Contains($"to={target}", Assert.Single(await _host.AuditAsync(AuditActions.ConversationTransferred)).Details);
    }

    [Fact]
    public async Task Transfer_is_refused_to_a_full_inactive_or_non_advocate_target_and_without_a_note()
    {
        var id = await ClaimedConversationAsync();
        var full = await _host.CreateAdvocateAsync("Full", capacity: 1);
        await _host.CreateConversationAsync(assignedTo: full);
        var admin = await _host.CreateStaffAsync("Admin only", [StaffRoles.Admin]);
        var disabled = await _host.CreateAdvocateAsync("Gone");
        await using (var db = await _host.DbAsync())
        {
            (await db.Users.FindAsync(disabled))!.IsActive = false;
            await db.SaveChangesAsync();
        }

        var atCapacity = await Assert.ThrowsAsync<ConversationActionException>(() => Conversations.TransferAsync(_advocate, id, full, "please"));
        Assert.Contains("Full already has 1 open conversations", atCapacity.Message);
        await Assert.ThrowsAsync<ConversationActionException>(() => Conversations.TransferAsync(_advocate, id, admin, "please"));
        await Assert.ThrowsAsync<ConversationActionException>(() => Conversations.TransferAsync(_advocate, id, disabled, "please"));
        await Assert.ThrowsAsync<ConversationActionException>(() => Conversations.TransferAsync(_advocate, id, _advocate, "please"));
        var fine = await _host.CreateAdvocateAsync("Ok");
        await Assert.ThrowsAsync<ConversationActionException>(() => Conversations.TransferAsync(_advocate, id, fine, " "));
        Assert.Equal(_advocate, (await _host.ConversationAsync(id)).AssignedToId);
    }

    [Fact]
    public async Task Close_needs_a_listed_disposition_and_a_summary()
    {
        var id = await ClaimedConversationAsync();

        await Assert.ThrowsAsync<ConversationActionException>(() => Conversations.CloseAsync(_advocate, id, "Made up", "summary"));
        await Assert.ThrowsAsync<ConversationActionException>(() => Conversations.CloseAsync(_advocate, id, "Information only", ""));
        await Conversations.CloseAsync(_advocate, id, "tip / witness report", "Neighbour reported a house with many workers.");

        var conversation = await _host.ConversationAsync(id);
        Assert.Equal(ConversationStatus.Closed, conversation.Status);
        Assert.Equal("Tip / witness report", conversation.Disposition);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, conversation.ClosedUtc);
        Assert.Equal(_advocate, conversation.AssignedToId);
        Assert.Empty(await Conversations.ListMineAsync(_advocate));
        Assert.Equal("disposition=Tip / witness report", Assert.Single(await _host.AuditAsync(AuditActions.ConversationClosed)).Details);
        await Assert.ThrowsAsync<ConversationActionException>(() => Conversations.CloseAsync(_advocate, id, "Information only", "again"));
    }

    [Fact]
    public async Task Dispositions_default_to_the_hotline_list_and_can_be_replaced_in_configuration()
    {
        Assert.Contains("Substantive case", Conversations.Dispositions);
        Assert.Contains("Tip / witness report", Conversations.Dispositions);
        Assert.Contains("Information only", Conversations.Dispositions);
        Assert.Contains("Hang-up / no response", Conversations.Dispositions);

        await using var configured = await WorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:Dispositions:0"] = "Case opened",
            ["Conversations:Dispositions:1"] = "No response",
        });
        Assert.Equal(["Case opened", "No response"], configured.Get<ConversationService>().Dispositions);
    }

    [Fact]
    public async Task Notes_are_internal_and_never_sent()
    {
        var id = await ClaimedConversationAsync();

        await Conversations.AddNoteAsync(_advocate, id, "Texter mentioned a farm near the county line.");

        Assert.Empty(_host.Outbound.Sent);
        var detail = await Conversations.GetDetailAsync(_advocate, id);
        Assert.Equal("Texter mentioned a farm near the county line.", Assert.Single(detail.Notes).Body);
        Assert.Single(detail.Messages);
        Assert.Null(Assert.Single(await _host.AuditAsync(AuditActions.ConversationNoteAdded)).Details);
    }

    [Fact]
    public async Task Detail_shows_the_thread_safety_flags_and_the_texters_earlier_conversations()
    {
        const string phone = "+15550001111";
        var earlier = await ClaimedConversationAsync("first time", phone);
        await Conversations.CloseAsync(_advocate, earlier, "Information only", "Asked what the hotline does.");
        var id = await _host.CreateConversationAsync("me again", phone, texter: t => { t.CodeWord = "bluebird"; t.NeutralWordingReminder = true; });
        await _host.Get<QueueService>().ClaimAsync(_advocate, id);

        var detail = await Conversations.GetDetailAsync(_advocate, id);

        Assert.True(detail.IsMine);
        Assert.Equal("+1 ••• ••• 1111", detail.MaskedNumber);
        Assert.Equal("me again", Assert.Single(detail.Messages).Body);
        Assert.Equal("bluebird", detail.Safety.CodeWord);
        Assert.True(detail.Safety.NeutralWordingReminder);
        Assert.True(detail.ContactCheck.IsAllowed);
        var history = Assert.Single(detail.EarlierConversations);
        Assert.Equal(earlier, history.ConversationId);
        Assert.Equal("Asked what the hotline does.", history.Summary);
        // Holding the texter's current conversation lets the advocate open the earlier one.
        Assert.Equal("first time", Assert.Single((await Conversations.GetDetailAsync(_advocate, earlier)).Messages).Body);
    }

    [Fact]
    public async Task A_returning_texter_goes_back_to_their_advocate_when_on_shift_else_to_the_queue_flagged()
    {
        var presence = _host.Get<StaffPresenceRegistry>();
        var reopening = _host.Get<ConversationReopening>();
        var id = await ClaimedConversationAsync();
        await Conversations.CloseAsync(_advocate, id, "Information only", "done");

        using (presence.Register(_advocate))
        {
            await using var db = await _host.DbAsync();
            var conversation = await db.Conversations.FindAsync(id);
            var decision = await reopening.ReopenAsync(db, conversation!);
            await db.SaveChangesAsync();
            Assert.True(decision!.BackToSameAdvocate);
        }
        var reopened = await _host.ConversationAsync(id);
        Assert.Equal(ConversationStatus.Assigned, reopened.Status);
        Assert.Equal(_advocate, reopened.AssignedToId);
        Assert.True(reopened.IsReturning);
        Assert.Null(reopened.ClosedUtc);

        await Conversations.CloseAsync(_advocate, id, "Information only", "done again");
        Assert.False(presence.IsOnShift(_advocate));
        await using (var db = await _host.DbAsync())
        {
            var conversation = await db.Conversations.FindAsync(id);
            var decision = await reopening.ReopenAsync(db, conversation!);
            await db.SaveChangesAsync();
            Assert.False(decision!.BackToSameAdvocate);
        }
        var queued = await _host.ConversationAsync(id);
        Assert.Equal(ConversationStatus.Queued, queued.Status);
        Assert.Null(queued.AssignedToId);
        Assert.True(Assert.Single(await _host.Get<QueueService>().ListAsync(_advocate)).IsReturning);
        Assert.Equal(["to=" + _advocate, "to=queue"], (await _host.AuditAsync(AuditActions.ConversationReopened)).Select(a => a.Details));
    }

    [Fact]
    public void Presence_counts_every_open_connection()
    {
        var presence = new StaffPresenceRegistry();
        var first = presence.Register("a");
        var second = presence.Register("a");
        first.Dispose();
        first.Dispose();
        Assert.True(presence.IsOnShift("a"));
        second.Dispose();
        Assert.False(presence.IsOnShift("a"));
        Assert.Empty(presence.OnShiftStaffIds);
    }
}
