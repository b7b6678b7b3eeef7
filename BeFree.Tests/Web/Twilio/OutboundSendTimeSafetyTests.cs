using BeFree.Core.Conversations;
using BeFree.Core.Messaging;
using BeFree.Core.Messaging.Outbound;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

/// <summary>
/// The safe-contact rules hold at the moment a text goes to Twilio, not only when it was queued: a
/// text left waiting (retries, backlog, outage) is checked against the texter's flags as they are
/// then. Live mode against the fake Twilio, which shows whether anything was sent.
/// </summary>
public sealed class OutboundSendTimeSafetyTests : LiveTwilioTests
{
    private const string SmsPath = "/twilio/sms";

    /// <summary>Safe hours that started an hour from now (UTC): now is outside them.</summary>
    private static void ClosedSafeHours(Texter texter)
    {
        var hour = DateTime.UtcNow.Hour;
        texter.SafeWindowStart = new TimeOnly((hour + 2) % 24, 0);
        texter.SafeWindowEnd = new TimeOnly((hour + 3) % 24, 0);
        texter.TimeZoneId = "Etc/UTC";
    }

    /// <summary>
    /// A reply queued earlier, when the rules allowed it (or a lead overrode <paramref name="overridden"/>),
    /// and the texter's flags as they are now, written straight to the database; then the sender wakes.
    /// </summary>
    private async Task<(string Phone, int ConversationId, long MessageId, string AdminId)> WaitingReplyAsync(
        Action<Texter> flagsNow, string? overridden = null, DateTime? texterLastWrote = null)
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var adminId = await Factory.AdminIdAsync();
        var conversationId = await Factory.SeedConversationAsync(phone, ConversationStatus.Assigned, adminId);
        long id;
        await using (var db = await Factory.CreateDbContextAsync())
        {
            var texter = await db.Texters.SingleAsync(t => t.PhoneNumber == phone);
            flagsNow(texter);
            if (texterLastWrote is { } wrote)
            {
                db.Messages.Add(new Message
                {
                    ConversationId = conversationId, Direction = MessageDirection.Inbound, Origin = MessageOrigin.Texter,
                    Body = "hi", TwilioSid = TwilioWebhook.NewMessageSid(), CreatedUtc = wrote, StatusUpdatedUtc = wrote, Status = MessageStatus.Received,
                });
            }
            var queuedAt = DateTime.UtcNow.AddMinutes(-20);
            var reply = new Message
            {
                ConversationId = conversationId, Direction = MessageDirection.Outbound, Origin = MessageOrigin.Advocate, SentById = adminId,
                Body = "Are you safe to talk?", Status = MessageStatus.Queued, CreatedUtc = queuedAt, StatusUpdatedUtc = queuedAt,
                OverriddenRules = overridden,
            };
            db.Messages.Add(reply);
            await db.SaveChangesAsync();
            id = reply.Id;
        }
        Factory.WakeSender();
        return (phone, conversationId, id, adminId);
    }

    [Fact]
    public async Task A_reply_that_would_now_arrive_outside_the_texters_safe_hours_is_held_with_the_reason()
    {
        var (phone, _, id, _) = await WaitingReplyAsync(ClosedSafeHours);

        var held = await Factory.WaitForMessageAsync(id, m => m.Status == MessageStatus.Held, "the reply is held");

        Assert.Equal(MessageHold.ContactRules, held.HeldBecause);
        Assert.Contains("safe hours", held.ErrorMessage);
        Assert.Empty(Twilio.RequestsTo(phone));
        await using var db = await Factory.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == MessagingAuditActions.MessageHeld && a.SubjectId == id.ToString()));
    }

    [Fact]
    public async Task A_reply_after_the_do_not_text_back_window_closed_is_held()
    {
        var (phone, _, id, _) = await WaitingReplyAsync(t => t.DoNotTextBack = true, texterLastWrote: DateTime.UtcNow.AddMinutes(-30));

        var held = await Factory.WaitForMessageAsync(id, m => m.Status == MessageStatus.Held, "the reply is held");

        Assert.Contains("not to be texted back", held.ErrorMessage);
        Assert.Empty(Twilio.RequestsTo(phone));
    }

    [Fact]
    public async Task Within_the_do_not_text_back_window_the_reply_goes()
    {
        var (phone, _, id, _) = await WaitingReplyAsync(t => t.DoNotTextBack = true, texterLastWrote: DateTime.UtcNow.AddMinutes(-2));

        await Factory.WaitForMessageAsync(id, m => m.TwilioSid is not null, "the reply is sent");
        Assert.Single(Twilio.RequestsTo(phone));
    }

    [Fact]
    public async Task A_lead_override_recorded_at_queue_time_covers_the_rules_it_named_and_no_others()
    {
        var (coveredPhone, _, covered, _) = await WaitingReplyAsync(t => t.DoNotTextBack = true, overridden: "DoNotTextBack");
        var (uncoveredPhone, _, uncovered, _) = await WaitingReplyAsync(t =>
        {
            t.DoNotTextBack = true;
            ClosedSafeHours(t);
        }, overridden: "DoNotTextBack");

        await Factory.WaitForMessageAsync(covered, m => m.TwilioSid is not null, "the overridden reply is sent");
        var held = await Factory.WaitForMessageAsync(uncovered, m => m.Status == MessageStatus.Held, "the reply is held for the rule nobody overrode");

        Assert.Single(Twilio.RequestsTo(coveredPhone));
        Assert.Empty(Twilio.RequestsTo(uncoveredPhone));
        Assert.Contains("safe hours", held.ErrorMessage);
    }

    [Fact]
    public async Task A_texter_who_opted_out_after_the_reply_was_queued_gets_nothing_and_the_reply_fails_with_the_reason()
    {
        var (phone, _, id, _) = await WaitingReplyAsync(t => t.IsOptedOut = true, overridden: "DoNotTextBack,OutsideSafeWindow");

        var failed = await Factory.WaitForMessageAsync(id, m => m.Status == MessageStatus.Failed, "the reply is refused");

        Assert.Equal(OutboundMessages.OptedOutReason, failed.ErrorMessage);
        Assert.Empty(Twilio.RequestsTo(phone));
    }

    [Fact]
    public async Task Sending_a_rules_held_reply_again_checks_the_rules_again_and_only_a_lead_may_override()
    {
        var (phone, _, id, adminId) = await WaitingReplyAsync(ClosedSafeHours);
        await Factory.WaitForMessageAsync(id, m => m.Status == MessageStatus.Held, "the reply is held");
        var held = Factory.Get<HeldMessageService>();

        // The admin holds the conversation but is no shift lead: the rules still stop it.
        var refused = await Assert.ThrowsAsync<ContactRefusedException>(() => held.SendAgainAsync(adminId, id, "I think it is fine"));
        Assert.True(refused.LeadMayOverride);
        Assert.Equal(MessageStatus.Held, (await Factory.WaitForMessageAsync(id, _ => true, "read")).Status);
        Assert.Empty(Twilio.RequestsTo(phone));

        // Once the safe hours are open again, sending again goes through the sender's check and out.
        await using (var db = await Factory.CreateDbContextAsync())
        {
            await db.Texters.Where(t => t.PhoneNumber == phone).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.SafeWindowStart, (TimeOnly?)null).SetProperty(t => t.SafeWindowEnd, (TimeOnly?)null));
        }
        await held.SendAgainAsync(adminId, id);
        await Factory.WaitForMessageAsync(id, m => m.TwilioSid is not null, "the reply is sent");
        Assert.Single(Twilio.RequestsTo(phone));
    }

    [Fact]
    public async Task Automatic_replies_follow_the_rules_but_the_stop_confirmation_carriers_require_always_goes()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var conversationId = await Factory.SeedConversationAsync(phone);
        await using (var db = await Factory.CreateDbContextAsync())
        {
            ClosedSafeHours(await db.Texters.SingleAsync(t => t.PhoneNumber == phone));
            await db.SaveChangesAsync();
        }
        var client = Factory.CreateClient();

        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "HELP"));
        var info = await Factory.WaitForAsync(
            db => db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Origin == MessageOrigin.Automatic).ToListAsync(),
            list => list.Count == 1 && list[0].Status == MessageStatus.Held, "the HELP reply is held");
        Assert.Equal(MessageHold.ContactRules, info[0].HeldBecause);

        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "STOP"));
        var confirmation = await Factory.WaitForAsync(
            db => db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.IsOptOutConfirmation),
            m => m?.TwilioSid is not null, "the STOP confirmation is sent");
        Assert.Equal(confirmation!.Body, Assert.Single(Twilio.RequestsTo(phone)).Body);
    }
}
