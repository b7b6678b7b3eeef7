using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;

namespace BeFree.Tests.Core.Queue;

public sealed class LiveBoardTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkspaceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private LiveBoardService Board => _host.Get<LiveBoardService>();
    private StaffPresenceRegistry Presence => _host.Get<StaffPresenceRegistry>();

    [Fact]
    public async Task Snapshot_counts_the_queue_flags_waits_past_target_and_shows_load_and_presence()
    {
        var lead = await _host.CreateLeadAsync("Lena Lead");
        var ana = await _host.CreateAdvocateAsync("Ana", capacity: 4);
        var ben = await _host.CreateAdvocateAsync("Ben");
        var offlineHolder = await _host.CreateAdvocateAsync("Olga");
        await _host.CreateAdvocateAsync("Nobody Online");
        var now = _host.Clock.GetUtcNow().UtcDateTime;

        var old = await _host.CreateConversationAsync(queuedUtc: now.AddMinutes(-7));
        var fresh = await _host.CreateConversationAsync(queuedUtc: now.AddMinutes(-1), suggested: RiskLevel.High);
        await _host.CreateConversationAsync(assignedTo: ana, risk: RiskLevel.Moderate);
        await _host.CreateConversationAsync(assignedTo: ana, risk: RiskLevel.Imminent);
        await _host.CreateConversationAsync(assignedTo: offlineHolder);

        using var anaScreen = Presence.Register(ana);
        using var benScreen = Presence.Register(ben);
        Presence.SetAway(ben, true);

        var board = await Board.GetSnapshotAsync(lead);

        Assert.Equal(2, board.WaitingCount);
        Assert.Equal(1, board.WaitingPastTargetCount);
        Assert.Equal(now.AddMinutes(-7), board.OldestQueuedUtc);
        Assert.Equal([fresh, old], board.Waiting.Select(w => w.ConversationId)); // High first, then the longest wait
        Assert.True(board.Waiting.Single(w => w.ConversationId == old).PastTarget);
        Assert.Equal(1, board.OpenByRisk[RiskLevel.Imminent]);
        Assert.Equal(1, board.OpenByRisk[RiskLevel.High]);
        Assert.Equal(1, board.OpenByRisk[RiskLevel.Moderate]);
        Assert.Equal(2, board.OpenByRisk[RiskLevel.Unknown]);

        var byName = board.Advocates.ToDictionary(a => a.DisplayName);
        Assert.Equal(["Ana", "Ben", "Olga"], byName.Keys.Order());
        Assert.Equal(PresenceState.Online, byName["Ana"].Presence);
        Assert.Equal((2, 4), (byName["Ana"].Load, byName["Ana"].Capacity));
        Assert.Equal(RiskLevel.Imminent, byName["Ana"].Conversations[0].EffectiveRisk);
        Assert.Equal(PresenceState.Away, byName["Ben"].Presence);
        Assert.Equal(PresenceState.Offline, byName["Olga"].Presence); // offline but still holding a conversation: a lead must see it
        Assert.Equal(1, byName["Olga"].Load);
        Assert.True(board.CanApproveEscalations);
    }

    [Fact]
    public async Task Several_high_risk_conversations_in_a_row_and_a_long_stretch_suggest_a_check_in()
    {
        var lead = await _host.CreateLeadAsync("Lena Lead");
        var ana = await _host.CreateAdvocateAsync("Ana", capacity: 10);
        using var screen = Presence.Register(ana);

        await _host.CreateConversationAsync(assignedTo: ana, risk: RiskLevel.Low);
        foreach (var risk in new[] { RiskLevel.High, RiskLevel.Imminent })
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(10));
            await _host.CreateConversationAsync(assignedTo: ana, risk: risk);
        }
        var advocate = (await Board.GetSnapshotAsync(lead)).Advocates.Single();
        Assert.Equal(2, advocate.ConsecutiveHighRisk);
        Assert.False(advocate.SuggestCheckIn);

        _host.Clock.Advance(TimeSpan.FromMinutes(10));
        await _host.CreateConversationAsync(assignedTo: ana, suggested: RiskLevel.High);
        advocate = (await Board.GetSnapshotAsync(lead)).Advocates.Single();
        Assert.Equal(3, advocate.ConsecutiveHighRisk);
        Assert.True(advocate.SuggestCheckIn);

        Assert.False(advocate.PastStretchWithoutBreak);
        _host.Clock.Advance(TimeSpan.FromMinutes(181));
        Assert.True((await Board.GetSnapshotAsync(lead)).Advocates.Single().PastStretchWithoutBreak);

        // A break (away, then back) starts a new stretch.
        Presence.SetAway(ana, true);
        Presence.SetAway(ana, false);
        Assert.False((await Board.GetSnapshotAsync(lead)).Advocates.Single().PastStretchWithoutBreak);
    }

    [Fact]
    public async Task Only_leads_and_admins_see_the_board_and_admins_cannot_approve_from_it()
    {
        var advocate = await _host.CreateAdvocateAsync("Ana");
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Board.GetSnapshotAsync(advocate));

        var admin = await _host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        var board = await Board.GetSnapshotAsync(admin);
        Assert.False(board.CanApproveEscalations);
        Assert.Empty(board.AwaitingApproval);
    }

    [Fact]
    public async Task A_lead_reassigns_a_conversation_between_advocates_within_capacity_and_it_is_audited()
    {
        var lead = await _host.CreateLeadAsync("Lena Lead");
        var ana = await _host.CreateAdvocateAsync("Ana");
        var ben = await _host.CreateAdvocateAsync("Ben", capacity: 1);
        var conversation = await _host.CreateConversationAsync(assignedTo: ana);
        var conversations = _host.Get<ConversationService>();

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => conversations.ReassignAsync(ana, conversation, ben, "please take this"));

        await conversations.ReassignAsync(lead, conversation, ben, "Ben knows this texter");
        Assert.Equal(ben, (await _host.ConversationAsync(conversation)).AssignedToId);
        var entry = Assert.Single(await _host.AuditAsync(AuditActions.ConversationReassigned));
        Assert.Equal($"from={ana}; to={ben}", entry.Details);
        var detail = await conversations.GetDetailAsync(ben, conversation);
        Assert.Contains(detail.Notes, n => n.Body.Contains("Transferred from Ana to Ben by Lena Lead: Ben knows this texter"));

        // Ben is at capacity now: another reassignment to him is refused with a clear reason.
        var second = await _host.CreateConversationAsync(assignedTo: ana);
        var refused = await Assert.ThrowsAsync<ConversationActionException>(() => conversations.ReassignAsync(lead, second, ben, "one more"));
        Assert.Contains("their limit", refused.Message);
        Assert.Equal(ana, (await _host.ConversationAsync(second)).AssignedToId);
    }

    [Fact]
    public async Task Monitoring_a_conversation_is_read_only_and_audited()
    {
        var lead = await _host.CreateLeadAsync("Lena Lead");
        var ana = await _host.CreateAdvocateAsync("Ana");
        var conversation = await _host.CreateConversationAsync(assignedTo: ana, body: "they took my phone");

        var detail = await _host.Get<ConversationService>().MonitorAsync(lead, conversation);

        Assert.False(detail.IsMine);
        Assert.Equal(ana, (await _host.ConversationAsync(conversation)).AssignedToId);
        var entry = Assert.Single(await _host.AuditAsync(AuditActions.ConversationMonitored));
        Assert.Equal(lead, entry.ActorId);
        Assert.Equal(conversation.ToString(), entry.SubjectId);
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => _host.Get<ConversationService>().MonitorAsync(ana, conversation));
    }

    [Fact]
    public async Task A_lead_sends_a_private_note_that_reaches_only_its_recipient_live_until_read()
    {
        var lead = await _host.CreateLeadAsync("Lena Lead");
        var ana = await _host.CreateAdvocateAsync("Ana");
        var ben = await _host.CreateAdvocateAsync("Ben");
        var notices = _host.Get<StaffNotices>();
        var anaCalls = 0;
        var benCalls = 0;
        using var anaScreen = notices.Subscribe(ana, () => { Interlocked.Increment(ref anaCalls); return Task.CompletedTask; });
        using var benScreen = notices.Subscribe(ben, () => { Interlocked.Increment(ref benCalls); return Task.CompletedTask; });

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => notices.SendAsync(ben, ana, StaffNoticeKind.PrivateNote, "hello"));
        var id = await notices.SendAsync(lead, ana, StaffNoticeKind.WellbeingNudge, "Three hard ones in a row. Take ten minutes?");
        await Task.WhenAll(anaScreen.WhenIdleAsync(), benScreen.WhenIdleAsync());

        Assert.Equal(1, anaCalls);
        Assert.Equal(0, benCalls);
        var unread = Assert.Single(await notices.ListUnreadAsync(ana));
        Assert.Equal(("Lena Lead", StaffNoticeKind.WellbeingNudge), (unread.FromName, unread.Kind));
        Assert.Empty(await notices.ListUnreadAsync(ben));

        await notices.MarkReadAsync(ben, id); // not Ben's to mark
        Assert.Single(await notices.ListUnreadAsync(ana));
        await notices.MarkReadAsync(ana, id);
        await notices.MarkReadAsync(ana, id); // a double click changes nothing more
        Assert.Empty(await notices.ListUnreadAsync(ana));
        await Task.WhenAll(anaScreen.WhenIdleAsync(), benScreen.WhenIdleAsync());
        Assert.Equal(2, anaCalls);
        Assert.Single(await _host.AuditAsync(AuditActions.StaffNoticeSent));
    }
}
