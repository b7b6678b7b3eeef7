using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;

namespace BeFree.Tests.Core.Queue;

/// <summary>
/// The lead's board as a shift found it wanting: every texter waiting for a reply past the target, presence that
/// ends with the account, and a reassign list that explains itself when nobody can be chosen.
/// </summary>
public sealed class BoardFixesTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _lead = null!;
    private string _advocate = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _lead = await _host.CreateLeadAsync("Lena Lead");
        _advocate = await _host.CreateAdvocateAsync("Ana", capacity: 5);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private LiveBoardService Board => _host.Get<LiveBoardService>();
    private StaffPresenceRegistry Presence => _host.Get<StaffPresenceRegistry>();
    private TimeSpan Target => TimeSpan.FromMinutes(_host.Get<Microsoft.Extensions.Options.IOptions<BoardOptions>>().Value.FirstResponseTargetMinutes);

    [Fact]
    public async Task Waiting_for_a_reply_lists_every_conversation_whose_texter_wrote_last_past_the_target()
    {
        var replies = _host.Get<ReplyService>();
        var answeredThenWroteAgain = await _host.CreateConversationAsync("hi", assignedTo: _advocate);
        await replies.SendReplyAsync(_advocate, answeredThenWroteAgain, "We are here. Are you safe?");
        var neverAnswered = await _host.CreateConversationAsync("help", assignedTo: _advocate);
        var queued = await _host.CreateConversationAsync("anyone?");
        var answeredLast = await _host.CreateConversationAsync("hello", assignedTo: _advocate);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var wroteAgainAt = _host.Clock.GetUtcNow().UtcDateTime;
        await _host.TextFromTexterAsync(answeredThenWroteAgain, "he took my phone earlier");
        await replies.SendReplyAsync(_advocate, answeredLast, "Take your time.");
        _host.Clock.Advance(Target + TimeSpan.FromSeconds(1));
        var recent = await _host.CreateConversationAsync("just now", assignedTo: _advocate);

        var board = await Board.GetSnapshotAsync(_lead);

        Assert.Equal([neverAnswered, queued, answeredThenWroteAgain], board.AwaitingReply.Select(a => a.ConversationId));
        var again = board.AwaitingReply.Single(a => a.ConversationId == answeredThenWroteAgain);
        Assert.Equal(wroteAgainAt, again.WaitingSinceUtc);
        Assert.Equal("Ana", again.HeldBy);
        Assert.Null(board.AwaitingReply.Single(a => a.ConversationId == queued).HeldBy);
        Assert.DoesNotContain(board.AwaitingReply, a => a.ConversationId == answeredLast || a.ConversationId == recent);
    }

    [Fact]
    public async Task Disabling_an_account_turns_its_presence_offline_at_once_while_its_screen_is_still_open()
    {
        var admin = await _host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        using var screen = Presence.Register(_advocate);
        Assert.Equal(PresenceState.Online, (await Board.GetSnapshotAsync(_lead)).Advocates.Single(a => a.StaffId == _advocate).Presence);

        await _host.Get<StaffAdministration>().SetActiveAsync(admin, _advocate, false);

        Assert.Equal(PresenceState.Offline, Presence.GetStatus(_advocate).State);
        Assert.DoesNotContain(_advocate, Presence.OnShiftStaffIds);
        Assert.DoesNotContain((await Board.GetSnapshotAsync(_lead)).Advocates, a => a.StaffId == _advocate);

        await _host.Get<StaffAdministration>().SetActiveAsync(admin, _advocate, true);
        Assert.Equal(PresenceState.Online, Presence.GetStatus(_advocate).State);
    }

    [Fact]
    public async Task An_empty_or_unusable_target_list_is_explained()
    {
        var conversation = await _host.CreateConversationAsync("help", assignedTo: _advocate);
        var conversations = _host.Get<ConversationService>();

        // The lead is an advocate too, offline: someone exists, nobody is online.
        var targets = await conversations.ListTransferTargetsAsync(_lead, conversation);
        Assert.Equal("No other advocate is online right now. Whoever you choose sees it only when they next sign in.",
            TransferChoices.Explain(targets));

        using var leadScreen = Presence.Register(_lead);
        Assert.Null(TransferChoices.Explain(await conversations.ListTransferTargetsAsync(_lead, conversation)));

        Assert.Equal("No other active advocate exists to take it. An admin can add or enable one.", TransferChoices.Explain([]));
        Assert.StartsWith("Every other advocate is at their limit",
            TransferChoices.Explain([new TransferTarget("x", "Full", 3, 3, IsOnShift: true)]));
        Assert.StartsWith("Every advocate online is at their limit",
            TransferChoices.Explain([new TransferTarget("x", "Full", 3, 3, IsOnShift: true), new TransferTarget("y", "Home", 0, 3, IsOnShift: false)]));
    }
}
