using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Conversations;

/// <summary>The safety matrix through the real services: who sends, what the rules refuse, what a lead may override.</summary>
public sealed class ReplyServiceTests : IAsyncLifetime
{
    private const string Phone = "+15559876543";
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private string _lead = null!;
    private int _conversation;
    private ReplyService Replies => _host.Get<ReplyService>();

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex");
        _lead = await _host.CreateLeadAsync("Lee");
        _conversation = await _host.CreateConversationAsync("hello", Phone);
        await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task SetTexterAsync(Action<Texter> change)
    {
        await using var db = await _host.DbAsync();
        var texter = await db.Texters.SingleAsync(t => t.PhoneNumber == Phone);
        change(texter);
        await db.SaveChangesAsync();
    }

    private Task LeadTakesOverAsync() => _host.Get<ConversationService>().TakeOverAsync(_lead, _conversation, "needs a lead");

    [Fact]
    public async Task A_reply_is_queued_and_the_first_response_time_is_set_once()
    {
        var first = await Replies.SendReplyAsync(_advocate, _conversation, "Hi, this is the hotline. Are you safe to text?");
        var firstResponse = (await _host.ConversationAsync(_conversation)).FirstResponseUtc;
        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        await Replies.SendReplyAsync(_advocate, _conversation, "Take your time.");

        Assert.False(first.SafetyOverridden);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-2), firstResponse);
        Assert.Equal(firstResponse, (await _host.ConversationAsync(_conversation)).FirstResponseUtc);
        Assert.Equal(["Hi, this is the hotline. Are you safe to text?", "Take your time."], _host.Outbound.Sent.Select(s => s.Body));
        Assert.All(_host.Outbound.Sent, s => Assert.Equal((_advocate, MessageOrigin.Advocate), (s.SentById, s.Origin)));
        var audits = await _host.AuditAsync(AuditActions.ReplyQueued);
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.DoesNotContain("hotline", a.Details));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_replies_are_refused(string body)
    {
        await Assert.ThrowsAsync<ConversationActionException>(() => Replies.SendReplyAsync(_advocate, _conversation, body));
        Assert.Empty(_host.Outbound.Sent);
    }

    [Fact]
    public async Task Over_long_replies_are_refused_with_the_count()
    {
        var refused = await Assert.ThrowsAsync<ConversationActionException>(() => Replies.SendReplyAsync(_advocate, _conversation, new string('x', 1601)));
        Assert.Contains("1601", refused.Message);
    }

    [Fact]
    public async Task An_opted_out_texter_gets_nothing_and_not_even_a_lead_can_override()
    {
        await SetTexterAsync(t => t.IsOptedOut = true);

        var advocateRefused = await Assert.ThrowsAsync<ContactRefusedException>(() => Replies.SendReplyAsync(_advocate, _conversation, "hello?"));
        Assert.False(advocateRefused.LeadMayOverride);
        await LeadTakesOverAsync();
        var leadRefused = await Assert.ThrowsAsync<ContactRefusedException>(() => Replies.SendReplyAsync(_lead, _conversation, "hello?", "I am sure"));
        Assert.False(leadRefused.LeadMayOverride);
        Assert.Contains("STOP", leadRefused.Message);

        Assert.Empty(_host.Outbound.Sent);
        Assert.All(await _host.AuditAsync(AuditActions.ReplyRefused), a => Assert.Equal("rules=OptedOut", a.Details));
        Assert.Empty(await _host.AuditAsync(AuditActions.ReplySafetyOverride));
    }

    [Fact]
    public async Task Do_not_text_back_refuses_the_advocate_even_with_a_reason_and_lets_a_lead_override_with_one()
    {
        await SetTexterAsync(t => t.DoNotTextBack = true);
        _host.Clock.Advance(TimeSpan.FromMinutes(11)); // the texter wrote 11 minutes ago: past the 10-minute window

        var refused = await Assert.ThrowsAsync<ContactRefusedException>(() => Replies.SendReplyAsync(_advocate, _conversation, "hi"));
        Assert.True(refused.LeadMayOverride);
        var withReason = await Assert.ThrowsAsync<ContactRefusedException>(() => Replies.SendReplyAsync(_advocate, _conversation, "hi", "I think it's fine"));
        Assert.Contains("Only a shift lead", withReason.Message);

        await LeadTakesOverAsync();
        await Assert.ThrowsAsync<ContactRefusedException>(() => Replies.SendReplyAsync(_lead, _conversation, "hi"));
        var sent = await Replies.SendReplyAsync(_lead, _conversation, "Are you safe right now?", "Texter wrote first, asked for a reply at +1 555 987 6543");

        Assert.True(sent.SafetyOverridden);
        Assert.Equal("Are you safe right now?", Assert.Single(_host.Outbound.Sent).Body);
        var audit = Assert.Single(await _host.AuditAsync(AuditActions.ReplySafetyOverride));
        Assert.Equal(_lead, audit.ActorId);
        Assert.Contains("rules=DoNotTextBack", audit.Details);
        Assert.Contains("reason=Texter wrote first", audit.Details);
        Assert.DoesNotContain("987", audit.Details);
        Assert.Contains($"message={sent.MessageId}", audit.Details);
    }

    [Fact]
    public async Task Do_not_text_back_lets_the_advocate_reply_within_the_window_after_the_texters_latest_text()
    {
        await SetTexterAsync(t => t.DoNotTextBack = true);
        var wrote = _host.Clock.GetUtcNow().UtcDateTime;
        _host.Clock.Advance(TimeSpan.FromMinutes(9));

        var check = (await _host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation)).ContactCheck;
        Assert.True(check.IsAllowed);
        Assert.Equal(wrote.AddMinutes(10), check.ReplyAllowedUntilUtc);
        Assert.Equal(wrote, check.TexterLastWroteUtc);
        var sent = await Replies.SendReplyAsync(_advocate, _conversation, "Are you safe right now?");
        Assert.False(sent.SafetyOverridden);

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var closed = (await _host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation)).ContactCheck;
        Assert.Equal(ContactVerdict.NeedsLeadOverride, closed.Verdict);
        Assert.Null(closed.ReplyAllowedUntilUtc);
        var refused = await Assert.ThrowsAsync<ContactRefusedException>(() => Replies.SendReplyAsync(_advocate, _conversation, "Still there?"));
        Assert.Contains("has not written since", refused.Message);

        // The texter writes again: the window opens again.
        await _host.TextFromTexterAsync(_conversation, "yes, safe now");
        await Replies.SendReplyAsync(_advocate, _conversation, "Good. Take your time.");
        Assert.Equal(["Are you safe right now?", "Good. Take your time."], _host.Outbound.Sent.Where(s => s.Origin == MessageOrigin.Advocate).Select(s => s.Body));
    }

    [Fact]
    public async Task A_lead_override_is_handed_to_the_outbound_queue_so_it_still_covers_the_rules_when_sent()
    {
        await SetTexterAsync(t => t.DoNotTextBack = true);
        _host.Clock.Advance(TimeSpan.FromMinutes(30));
        await LeadTakesOverAsync();

        var sent = await Replies.SendReplyAsync(_lead, _conversation, "Are you safe right now?", "texter asked for a check-in");

        Assert.Equal([ContactRule.DoNotTextBack], _host.Outbound.OverriddenRules[sent.MessageId]);
        await using var db = await _host.DbAsync();
        Assert.Equal("DoNotTextBack", (await db.Messages.SingleAsync(m => m.Id == sent.MessageId)).OverriddenRules);
    }

    [Fact]
    public async Task Outside_the_safe_window_the_advocate_is_refused_with_the_texters_local_time_and_a_lead_may_override()
    {
        // 15:00 UTC on 15 July is 08:00 in Los Angeles; the safe hours are 18:00 to 23:00 there.
        await SetTexterAsync(t =>
        {
            t.SafeWindowStart = new TimeOnly(18, 0);
            t.SafeWindowEnd = new TimeOnly(23, 0);
            t.TimeZoneId = "America/Los_Angeles";
        });

        var refused = await Assert.ThrowsAsync<ContactRefusedException>(() => Replies.SendReplyAsync(_advocate, _conversation, "hi"));
        Assert.Contains("It is 08:00 for the texter", refused.Message);
        Assert.True(refused.LeadMayOverride);

        _host.Clock.Advance(TimeSpan.FromHours(10)); // 18:00 there
        await Replies.SendReplyAsync(_advocate, _conversation, "Checking in as agreed.");
        Assert.Single(_host.Outbound.Sent);

        _host.Clock.Advance(TimeSpan.FromHours(5)); // 23:00 there: closed again
        await LeadTakesOverAsync();
        var sent = await Replies.SendReplyAsync(_lead, _conversation, "Police are on the way.", "Imminent danger reported by a witness");
        Assert.True(sent.SafetyOverridden);
        Assert.Contains("rules=OutsideSafeWindow", Assert.Single(await _host.AuditAsync(AuditActions.ReplySafetyOverride)).Details);
    }

    [Fact]
    public async Task Opting_out_between_the_check_and_the_send_is_still_refused_by_the_outbound_queue()
    {
        // STOP arrives after Core's own check passed: the outbound queue's refusal reaches the advocate the same way.
        _host.Outbound.BeforeEnqueue = () => SetTexterAsync(t => t.IsOptedOut = true);

        var refused = await Assert.ThrowsAsync<ContactRefusedException>(() => Replies.SendReplyAsync(_advocate, _conversation, "hi"));

        Assert.False(refused.LeadMayOverride);
        Assert.Empty(_host.Outbound.Sent);
        Assert.Null((await _host.ConversationAsync(_conversation)).FirstResponseUtc);
    }

    [Fact]
    public async Task The_safety_flags_are_edited_by_the_holder_or_a_lead_validated_and_audited_without_the_code_word()
    {
        var safety = _host.Get<TexterSafetyService>();
        var other = await _host.CreateAdvocateAsync("Other");

        await Assert.ThrowsAsync<ConversationActionException>(() => safety.UpdateAsync(_advocate, _conversation,
            new TexterSafetyChanges(false, new TimeOnly(9, 0), null, "America/Chicago", null, false)));
        await Assert.ThrowsAsync<ConversationActionException>(() => safety.UpdateAsync(_advocate, _conversation,
            new TexterSafetyChanges(false, new TimeOnly(9, 0), new TimeOnly(17, 0), null, null, false)));
        await Assert.ThrowsAsync<ConversationActionException>(() => safety.UpdateAsync(_advocate, _conversation,
            new TexterSafetyChanges(false, new TimeOnly(9, 0), new TimeOnly(17, 0), "Central Time", null, false)));
        await Assert.ThrowsAsync<ConversationActionException>(() => safety.UpdateAsync(_advocate, _conversation,
            new TexterSafetyChanges(false, new TimeOnly(9, 0), new TimeOnly(9, 0), "America/Chicago", null, false)));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => safety.UpdateAsync(other, _conversation,
            new TexterSafetyChanges(true, null, null, null, null, false)));

        await safety.UpdateAsync(_advocate, _conversation,
            new TexterSafetyChanges(true, new TimeOnly(22, 0), new TimeOnly(6, 0), "America/Chicago", "sunflower", true));
        await safety.UpdateAsync(_lead, _conversation,
            new TexterSafetyChanges(false, new TimeOnly(22, 0), new TimeOnly(6, 0), "America/Chicago", "sunflower", true));

        var texter = (await _host.ConversationAsync(_conversation)).Texter;
        Assert.False(texter.DoNotTextBack);
        Assert.Equal(new TimeOnly(22, 0), texter.SafeWindowStart);
        Assert.Equal("America/Chicago", texter.TimeZoneId);
        Assert.Equal("sunflower", texter.CodeWord);
        Assert.True(texter.NeutralWordingReminder);
        var audits = await _host.AuditAsync(AuditActions.TexterSafetyUpdated);
        Assert.Equal(2, audits.Count);
        Assert.Contains("codeWord=changed", audits[0].Details);
        Assert.Contains("safeWindow=22:00-06:00", audits[0].Details);
        Assert.Equal($"conversation={_conversation}; doNotTextBack=off", audits[1].Details);
        Assert.All(audits, a => Assert.DoesNotContain("sunflower", a.Details));
    }
}
