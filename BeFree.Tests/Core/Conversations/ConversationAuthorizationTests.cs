using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Conversations;

/// <summary>
/// Only the holder acts on a conversation. Called straight on the Core services, as the UI would,
/// with someone else's staff id. A shift lead takes over first (audited). Admins manage staff and
/// may read and reveal, but hold no power over other people's conversations.
/// </summary>
public sealed class ConversationAuthorizationTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _owner = null!;
    private string _otherAdvocate = null!;
    private string _lead = null!;
    private string _admin = null!;
    private string _spare = null!;
    private int _conversation;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _owner = await _host.CreateAdvocateAsync("Olivia Owner");
        _otherAdvocate = await _host.CreateAdvocateAsync("Oscar Other");
        _lead = await _host.CreateLeadAsync("Lena Lead");
        _admin = await _host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        _spare = await _host.CreateAdvocateAsync("Sid Spare");
        _conversation = await _host.CreateConversationAsync("they took my passport", suggested: RiskLevel.High);
        Assert.Equal(ClaimOutcome.Claimed, (await _host.Get<QueueService>().ClaimAsync(_owner, _conversation)).Outcome);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> Actions => new()
    {
        "reply", "release", "transfer", "close", "set risk", "confirm suggestion", "dismiss suggestion",
        "edit safety", "reveal number", "add note", "read",
    };

    private Task Act(string action, string actor) => action switch
    {
        "reply" => _host.Get<ReplyService>().SendReplyAsync(actor, _conversation, "We are here for you."),
        "release" => _host.Get<ConversationService>().ReleaseAsync(actor, _conversation),
        "transfer" => _host.Get<ConversationService>().TransferAsync(actor, _conversation, _spare, "handing over"),
        "close" => _host.Get<ConversationService>().CloseAsync(actor, _conversation, "Information only", "asked about hours"),
        "set risk" => _host.Get<RiskService>().SetRiskAsync(actor, _conversation, RiskLevel.Low, "seems fine"),
        "confirm suggestion" => _host.Get<RiskService>().ConfirmSuggestionAsync(actor, _conversation),
        "dismiss suggestion" => _host.Get<RiskService>().DismissSuggestionAsync(actor, _conversation, "no"),
        "edit safety" => _host.Get<TexterSafetyService>().UpdateAsync(actor, _conversation, new TexterSafetyChanges(true, null, null, null, null, false)),
        "reveal number" => _host.Get<TexterSafetyService>().RevealNumberAsync(actor, _conversation, "calling back"),
        "add note" => _host.Get<ConversationService>().AddNoteAsync(actor, _conversation, "note"),
        "read" => _host.Get<ConversationService>().GetDetailAsync(actor, _conversation),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Reads the database after <paramref name="action"/> by <paramref name="actor"/>: it must have happened.</summary>
    private async Task AssertHappenedAsync(string action, string actor)
    {
        var conversation = await _host.ConversationAsync(_conversation);
        switch (action)
        {
            case "reply":
                Assert.Equal((_conversation, "We are here for you.", (string?)actor, MessageOrigin.Advocate), Assert.Single(_host.Outbound.Sent));
                await using (var db = await _host.DbAsync())
                {
                    var saved = await db.Messages.AsNoTracking()
                        .SingleAsync(m => m.ConversationId == _conversation && m.Direction == MessageDirection.Outbound);
                    Assert.Equal("We are here for you.", saved.Body);
                    Assert.Equal(actor, saved.SentById);
                }
                Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, conversation.FirstResponseUtc);
                Assert.Single(await _host.AuditAsync(AuditActions.ReplyQueued));
                break;
            case "release":
                Assert.Equal(ConversationStatus.Queued, conversation.Status);
                Assert.Null(conversation.AssignedToId);
                break;
            case "transfer":
                Assert.Equal(ConversationStatus.Assigned, conversation.Status);
                Assert.Equal(_spare, conversation.AssignedToId);
                break;
            case "close":
                Assert.Equal(ConversationStatus.Closed, conversation.Status);
                Assert.Equal("Information only", conversation.Disposition);
                Assert.Equal("asked about hours", conversation.Summary);
                break;
            case "set risk":
                Assert.Equal(RiskLevel.Low, conversation.Risk);
                break;
            case "confirm suggestion":
                Assert.Equal(RiskLevel.High, conversation.Risk);
                Assert.Null(conversation.SuggestedRisk);
                break;
            case "dismiss suggestion":
                Assert.Equal(RiskLevel.Unknown, conversation.Risk);
                Assert.Null(conversation.SuggestedRisk);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Another_advocate_is_refused_and_nothing_changes(string action)
    {
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Act(action, _otherAdvocate));

        var conversation = await _host.ConversationAsync(_conversation);
        Assert.Equal(ConversationStatus.Assigned, conversation.Status);
        Assert.Equal(_owner, conversation.AssignedToId);
        Assert.Equal(RiskLevel.Unknown, conversation.Risk);
        Assert.Equal(RiskLevel.High, conversation.SuggestedRisk);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.False(conversation.Texter.DoNotTextBack);
        Assert.Empty(_host.Outbound.Sent);
        Assert.Empty(await _host.AuditAsync(AuditActions.TexterNumberRevealed));
        await using var db = await _host.DbAsync();
        Assert.Empty(await db.ConversationNotes.ToListAsync());
    }

    [Theory]
    [InlineData("reply")]
    [InlineData("release")]
    [InlineData("transfer")]
    [InlineData("close")]
    [InlineData("set risk")]
    [InlineData("confirm suggestion")]
    [InlineData("dismiss suggestion")]
    public async Task A_shift_lead_must_take_over_before_acting(string action)
    {
        var refused = await Assert.ThrowsAsync<StaffAuthorizationException>(() => Act(action, _lead));
        Assert.Contains("Take it over first", refused.Message);
        Assert.Equal(_owner, (await _host.ConversationAsync(_conversation)).AssignedToId);
    }

    [Theory]
    [InlineData("reply")]
    [InlineData("release")]
    [InlineData("transfer")]
    [InlineData("close")]
    [InlineData("set risk")]
    [InlineData("confirm suggestion")]
    [InlineData("dismiss suggestion")]
    public async Task An_admin_without_the_lead_role_cannot_act_on_someone_elses_conversation(string action)
    {
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Act(action, _admin));
        Assert.Equal(_owner, (await _host.ConversationAsync(_conversation)).AssignedToId);
        Assert.Empty(_host.Outbound.Sent);
    }

    [Theory]
    [InlineData("reply")]
    [InlineData("release")]
    [InlineData("transfer")]
    [InlineData("close")]
    [InlineData("set risk")]
    [InlineData("confirm suggestion")]
    [InlineData("dismiss suggestion")]
    public async Task The_holder_may_act(string action)
    {
        await Act(action, _owner);

        await AssertHappenedAsync(action, _owner);
    }

    /// <summary>Marking read by someone else is not an error (a lead may look), but must not clear the holder's count.</summary>
    [Fact]
    public async Task Marking_read_by_anyone_but_the_holder_changes_nothing()
    {
        var conversations = _host.Get<ConversationService>();

        Assert.False(await conversations.MarkReadAsync(_otherAdvocate, _conversation));
        Assert.False(await conversations.MarkReadAsync(_lead, _conversation));
        Assert.False(await conversations.MarkReadAsync(_admin, _conversation));
        Assert.Equal(1, (await _host.ConversationAsync(_conversation)).UnreadCount);

        // The same call by the holder does clear it, so the check above is about who asks.
        Assert.True(await conversations.MarkReadAsync(_owner, _conversation));
        Assert.Equal(0, (await _host.ConversationAsync(_conversation)).UnreadCount);
    }

    [Theory]
    [InlineData("reply")]
    [InlineData("release")]
    [InlineData("close")]
    [InlineData("set risk")]
    public async Task A_shift_lead_who_took_over_may_act_and_the_take_over_is_audited(string action)
    {
        await _host.Get<ConversationService>().TakeOverAsync(_lead, _conversation, "texter in danger, stepping in");

        await Act(action, _lead);

        await AssertHappenedAsync(action, _lead);
        var audit = Assert.Single(await _host.AuditAsync(AuditActions.ConversationTakenOver));
        Assert.Equal(_lead, audit.ActorId);
        Assert.Equal(_conversation.ToString(), audit.SubjectId);
        Assert.Contains($"from={_owner}", audit.Details);
        Assert.Contains("reason=texter in danger", audit.Details);
        var detail = await _host.Get<ConversationService>().GetDetailAsync(_lead, _conversation);
        Assert.Contains(detail.Notes, n => n.Kind == ConversationNoteKind.TakeOver && n.Body.Contains("Olivia Owner"));
    }

    [Fact]
    public async Task After_a_take_over_the_previous_holder_can_no_longer_act()
    {
        await _host.Get<ConversationService>().TakeOverAsync(_lead, _conversation, "supervision");

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Act("reply", _owner));
        Assert.Empty(_host.Outbound.Sent);
    }

    [Fact]
    public async Task Only_shift_leads_can_take_over()
    {
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => _host.Get<ConversationService>().TakeOverAsync(_otherAdvocate, _conversation, "mine now"));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => _host.Get<ConversationService>().TakeOverAsync(_admin, _conversation, "mine now"));
        await Assert.ThrowsAsync<ConversationActionException>(() => _host.Get<ConversationService>().TakeOverAsync(_lead, _conversation, "  "));
        Assert.Equal(_owner, (await _host.ConversationAsync(_conversation)).AssignedToId);
        Assert.Empty(await _host.AuditAsync(AuditActions.ConversationTakenOver));
    }

    [Fact]
    public async Task Shift_leads_and_admins_may_read_and_reveal_with_a_reason_and_each_reveal_is_audited()
    {
        var asLead = await _host.Get<ConversationService>().GetDetailAsync(_lead, _conversation);
        Assert.False(asLead.IsMine);
        Assert.Equal("Olivia Owner", asLead.AssignedToName);

        var number = await _host.Get<TexterSafetyService>().RevealNumberAsync(_admin, _conversation, "police asked to call 555-123-4567 back");
        var byOwner = await _host.Get<TexterSafetyService>().RevealNumberAsync(_owner, _conversation, "texter asked for a call");

        var texter = (await _host.ConversationAsync(_conversation)).Texter;
        Assert.Equal(texter.PhoneNumber, number);
        Assert.Equal(texter.PhoneNumber, byOwner);
        var audits = await _host.AuditAsync(AuditActions.TexterNumberRevealed);
        Assert.Equal([_admin, _owner], audits.Select(a => a.ActorId));
        Assert.All(audits, a => Assert.DoesNotContain(texter.PhoneNumber[2..], a.Details));
        Assert.Contains("[number removed]", audits[0].Details);
        await Assert.ThrowsAsync<ConversationActionException>(() => _host.Get<TexterSafetyService>().RevealNumberAsync(_lead, _conversation, ""));
    }

    [Fact]
    public async Task An_admin_may_claim_and_then_act_as_the_holder()
    {
        var id = await _host.CreateConversationAsync("hello");
        Assert.True((await _host.Get<QueueService>().ClaimAsync(_admin, id)).Succeeded);

        await _host.Get<ReplyService>().SendReplyAsync(_admin, id, "Hi, you've reached the hotline.");

        Assert.Single(_host.Outbound.Sent);
    }

    [Fact]
    public async Task Nobody_acts_on_a_queued_conversation_before_claiming_it()
    {
        var queued = await _host.CreateConversationAsync("hello");

        var refused = await Assert.ThrowsAsync<StaffAuthorizationException>(() => _host.Get<ReplyService>().SendReplyAsync(_lead, queued, "hi"));
        Assert.Contains("Claim it", refused.Message);
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => _host.Get<ConversationService>().GetDetailAsync(_otherAdvocate, queued));
        await Assert.ThrowsAsync<ConversationActionException>(() => _host.Get<ConversationService>().TakeOverAsync(_lead, queued, "why"));
    }
}
