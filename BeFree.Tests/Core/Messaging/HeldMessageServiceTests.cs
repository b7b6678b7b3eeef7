using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging;
using BeFree.Core.Messaging.Outbound;
using BeFree.Tests.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Core.Messaging;

/// <summary>Sending a held text again on the real Core: the rules are checked again, and only a shift lead may set them aside.</summary>
public sealed class HeldMessageServiceTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _lead = null!;
    private int _conversation;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _lead = await _host.CreateLeadAsync("Lee Lead");
        _conversation = await _host.CreateConversationAsync("hello", assignedTo: _lead, texter: t => t.DoNotTextBack = true);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<long> HeldByRulesAsync()
    {
        await using var db = await _host.DbAsync();
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        var message = new Message
        {
            ConversationId = _conversation, Direction = MessageDirection.Outbound, Origin = MessageOrigin.Advocate, SentById = _lead,
            Body = "Are you safe?", Status = MessageStatus.Held, HeldBecause = MessageHold.ContactRules,
            ErrorMessage = "Held, not sent", CreatedUtc = now, StatusUpdatedUtc = now,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private async Task<Message> ReadAsync(long id)
    {
        await using var db = await _host.DbAsync();
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_lead_sends_a_rules_held_text_again_only_with_a_recorded_reason_which_then_covers_it_when_sent()
    {
        _host.Clock.Advance(TimeSpan.FromMinutes(30)); // the texter wrote half an hour ago: do-not-text-back stops a reply
        var id = await HeldByRulesAsync();
        var held = _host.Get<HeldMessageService>();

        var refused = await Assert.ThrowsAsync<ContactRefusedException>(() => held.SendAgainAsync(_lead, id));
        Assert.True(refused.LeadMayOverride);
        Assert.Contains("give the reason", refused.Message);
        Assert.Equal(MessageStatus.Held, (await ReadAsync(id)).Status);

        await held.SendAgainAsync(_lead, id, "texter asked for a check-in at this time");

        var requeued = await ReadAsync(id);
        Assert.Equal("DoNotTextBack", requeued.OverriddenRules);
        Assert.Null(requeued.HeldBecause);
        var overrideAudit = Assert.Single(await _host.AuditAsync(AuditActions.ReplySafetyOverride));
        Assert.Contains($"message={id}", overrideAudit.Details);
        Assert.Single(await _host.AuditAsync(MessagingAuditActions.HeldMessageResent));

        // The sender checks the rules again; the recorded override covers do-not-text-back, so it goes.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await ReadAsync(id)).TwilioSid is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the overridden text was not sent");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_text_that_is_not_held_cannot_be_sent_again_or_discarded()
    {
        var id = await HeldByRulesAsync();
        await _host.Get<HeldMessageService>().DiscardAsync(_lead, id);

        await Assert.ThrowsAsync<ConversationActionException>(() => _host.Get<HeldMessageService>().DiscardAsync(_lead, id));
        await Assert.ThrowsAsync<ConversationActionException>(() => _host.Get<HeldMessageService>().SendAgainAsync(_lead, id, "reason"));
        Assert.Equal(MessageStatus.Discarded, (await ReadAsync(id)).Status);
    }
}

/// <summary>The do-not-text-back reply window comes from configuration and is checked when the app starts.</summary>
public sealed class DoNotTextBackWindowOptionsTests
{
    [Fact]
    public async Task The_configured_window_decides_whether_a_reply_may_go()
    {
        await using var host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Conversations:DoNotTextBackReplyMinutes"] = "30" });
        var advocate = await host.CreateAdvocateAsync("Alex");
        var conversation = await host.CreateConversationAsync("hello", assignedTo: advocate, texter: t => t.DoNotTextBack = true);
        host.Clock.Advance(TimeSpan.FromMinutes(20));

        await host.Get<ReplyService>().SendReplyAsync(advocate, conversation, "Are you safe?");

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        await Assert.ThrowsAsync<ContactRefusedException>(() => host.Get<ReplyService>().SendReplyAsync(advocate, conversation, "Still there?"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1441")]
    public async Task A_window_out_of_range_stops_the_app_from_starting(string minutes)
        => await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Conversations:DoNotTextBackReplyMinutes"] = minutes });
        });
}
