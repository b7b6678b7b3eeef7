using BeFree.Core.Conversations;
using BeFree.Core.Messaging;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Twilio;

/// <summary>
/// A reply reaches Twilio once, whatever happens between the request and writing down Twilio's
/// answer: a timeout after Twilio took it, a look-up that fails, an instance that dies mid-send.
/// Live mode against the fake Twilio on loopback, which records every POST it accepted.
/// </summary>
public sealed class OutboundExactlyOnceTests : SharedDatabaseTwilioTests
{

    /// <summary>Short timeouts and leases, so a lost answer is noticed quickly.</summary>
    private TwilioWebFactory Host(Action<IServiceCollection>? services = null, int? maxSendAttempts = null)
    {
        var factory = TwilioWebFactory.Live(Twilio.BaseUrl, Database);
        // Two seconds, not one: on a loaded machine the fake Twilio may not have read a request within one,
        // and a send it never saw cannot show what happens to one Twilio has.
        factory.Settings["Twilio:RequestTimeoutSeconds"] = "2";
        factory.Settings["Twilio:SendLeaseSeconds"] = "3";
        if (maxSendAttempts is { } max)
        {
            factory.Settings["Twilio:MaxSendAttempts"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        factory.TestServices = services;
        factory.CreateClient();
        return factory;
    }

    private static async Task<(string Phone, int ConversationId, long MessageId, string AdminId)> ReplyAsync(TwilioWebFactory host, string body = "Are you safe to talk?")
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var adminId = await host.AdminIdAsync();
        var conversationId = await host.SeedConversationAsync(phone, ConversationStatus.Assigned, adminId);
        var id = await host.Get<IOutboundQueue>().EnqueueAsync(conversationId, body, adminId, MessageOrigin.Advocate);
        return (phone, conversationId, id, adminId);
    }

    [Fact]
    public async Task A_reply_twilio_took_but_whose_answer_timed_out_is_found_by_look_up_and_never_sent_again()
    {
        await using var host = Host();
        var phone = TwilioWebhook.NewPhoneNumber();
        Twilio.AcceptThenHang(phone);
        var adminId = await host.AdminIdAsync();
        var conversationId = await host.SeedConversationAsync(phone, ConversationStatus.Assigned, adminId);
        var id = await host.Get<IOutboundQueue>().EnqueueAsync(conversationId, "Are you safe to talk?", adminId, MessageOrigin.Advocate);

        var sent = await host.WaitForMessageAsync(id, m => m.TwilioSid is not null, "the look-up finds the reply at Twilio");

        Assert.Single(Twilio.RequestsTo(phone));
        Assert.Equal(Assert.Single(Twilio.AcceptedSidsTo(phone)), sent.TwilioSid);
        Assert.Equal(1, sent.SendAttempts);
        var lookup = Assert.Single(Twilio.Lookups);
        Assert.Equal(phone, lookup.Form["To"]);
        Assert.Equal(TwilioWebFactory.ShortCode, lookup.Form["From"]);
    }

    [Fact]
    public async Task When_twilio_cannot_be_asked_the_reply_is_held_and_not_sent_again_until_the_holder_says_so()
    {
        await using var host = Host();
        Twilio.FailLookups = true;
        var phone = TwilioWebhook.NewPhoneNumber();
        Twilio.AcceptThenHang(phone);
        var adminId = await host.AdminIdAsync();
        var conversationId = await host.SeedConversationAsync(phone, ConversationStatus.Assigned, adminId);
        var id = await host.Get<IOutboundQueue>().EnqueueAsync(conversationId, "Are you safe to talk?", adminId, MessageOrigin.Advocate);

        var held = await host.WaitForMessageAsync(id, m => m.Status == MessageStatus.Held, "the reply is held");

        Assert.Equal(MessageHold.SendOutcomeUnknown, held.HeldBecause);
        Assert.Contains("Twilio may or may not have sent this", held.ErrorMessage);
        Assert.Null(held.TwilioSid);
        Assert.Single(Twilio.RequestsTo(phone));
        // The sender leaves it alone: waking it sends nothing more.
        host.WakeSender();
        await host.WaitUntilAsync(async db => await db.AuditEntries.AnyAsync(a => a.Action == MessagingAuditActions.MessageHeld), "the hold is audited");
        Assert.Single(Twilio.RequestsTo(phone));

        // The holder decides a second copy is acceptable: sent without asking Twilio again.
        await host.Get<HeldMessageService>().SendAgainAsync(adminId, id);
        var resent = await host.WaitForMessageAsync(id, m => m.TwilioSid is not null, "the reply is sent again");
        Assert.Equal(2, Twilio.RequestsTo(phone).Count);
        Assert.Equal(2, resent.SendAttempts);
        await using var db = await host.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == MessagingAuditActions.HeldMessageResent && a.ActorId == adminId));
    }

    [Fact]
    public async Task Send_again_sends_a_held_reply_even_when_its_automatic_attempts_are_used_up()
    {
        await using var host = Host(maxSendAttempts: 1);
        Twilio.FailLookups = true;
        var (phone, _, id, adminId) = await ReplyAsyncHanging(host);
        await host.WaitForMessageAsync(id, m => m.Status == MessageStatus.Held, "the reply is held");

        await host.Get<HeldMessageService>().SendAgainAsync(adminId, id);

        var sent = await host.WaitForMessageAsync(id, m => m.TwilioSid is not null || m.Status == MessageStatus.Failed, "the reply is sent again");
        Assert.NotNull(sent.TwilioSid);
        Assert.Equal(2, Twilio.RequestsTo(phone).Count);
    }

    [Fact]
    public async Task A_held_reply_can_be_discarded_by_its_holder_only()
    {
        await using var host = Host();
        Twilio.FailLookups = true;
        var phone = TwilioWebhook.NewPhoneNumber();
        Twilio.AcceptThenHang(phone);
        var adminId = await host.AdminIdAsync();
        // Waiting in the queue: nobody holds it, so nobody may act on its texts yet.
        var conversationId = await host.SeedConversationAsync(phone, ConversationStatus.Queued);
        var id = await host.Get<IOutboundQueue>().EnqueueAsync(conversationId, "Are you safe to talk?", adminId, MessageOrigin.Advocate);
        await host.WaitForMessageAsync(id, m => m.Status == MessageStatus.Held, "the reply is held");

        await Assert.ThrowsAsync<BeFree.Core.Staff.StaffAuthorizationException>(() => host.Get<HeldMessageService>().DiscardAsync(adminId, id));
        await Assert.ThrowsAsync<BeFree.Core.Staff.StaffAuthorizationException>(() => host.Get<HeldMessageService>().SendAgainAsync(adminId, id));
        Assert.Equal(MessageStatus.Held, (await host.WaitForMessageAsync(id, _ => true, "read")).Status);
        await using (var db = await host.CreateDbContextAsync())
        {
            await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.AssignedToId, adminId).SetProperty(c => c.Status, ConversationStatus.Assigned));
        }
        await host.Get<HeldMessageService>().DiscardAsync(adminId, id);

        await using var check = await host.CreateDbContextAsync();
        var discarded = await check.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
        Assert.Equal(MessageStatus.Discarded, discarded.Status);
        Assert.Single(Twilio.RequestsTo(phone));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == MessagingAuditActions.HeldMessageDiscarded && a.ActorId == adminId));
    }

    [Fact]
    public async Task An_instance_that_dies_between_the_send_and_writing_down_the_answer_leaves_a_reply_the_next_one_finds_at_twilio()
    {
        string phone;
        long id;
        // Instance A: Twilio takes the reply, then A dies before it writes the SID down.
        await using (var first = Host(services => services.AddTransient<ITwilioMessagingApi>(sp =>
                         new DiesAfterSending(sp.GetRequiredService<TwilioMessagingApi>()))))
        {
            (phone, _, id, _) = await ReplyAsync(first);
            await first.WaitUntilAsync(_ => Task.FromResult(Twilio.RequestsTo(phone).Count == 1), "Twilio takes the reply");
            await first.WaitUntilAsync(async db => (await db.Messages.SingleAsync(m => m.Id == id)).SendAttempts == 1, "the attempt is on record");
        }
        await using (var db = Database.CreateContext())
        {
            var left = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
            Assert.Null(left.TwilioSid); // what a crash leaves: an attempt on record and no SID
            Assert.Equal(MessageStatus.Sending, left.Status);
            Assert.False(left.SafeToResend);
        }

        // Instance B on the same database: once A's lease runs out it asks Twilio, and finds it.
        await using var second = Host();
        var found = await second.WaitForMessageAsync(id, m => m.TwilioSid is not null, "the next instance records the SID Twilio has");

        Assert.Single(Twilio.RequestsTo(phone));
        Assert.Equal(Assert.Single(Twilio.AcceptedSidsTo(phone)), found.TwilioSid);
    }

    [Fact]
    public async Task A_server_error_is_looked_up_before_the_retry_and_a_reply_twilio_does_not_have_is_sent_once_more()
    {
        await using var host = Host();
        var phone = TwilioWebhook.NewPhoneNumber();
        Twilio.Script(phone, FakeTwilioServer.Error(500, 20500, "Internal Server Error"));
        var adminId = await host.AdminIdAsync();
        var conversationId = await host.SeedConversationAsync(phone, ConversationStatus.Assigned, adminId);
        var id = await host.Get<IOutboundQueue>().EnqueueAsync(conversationId, "Are you safe to talk?", adminId, MessageOrigin.Advocate);

        var sent = await host.WaitForMessageAsync(id, m => m.TwilioSid is not null, "the retry is accepted");

        Assert.Equal(2, Twilio.RequestsTo(phone).Count);
        Assert.Single(Twilio.Lookups, l => l.Form.GetValueOrDefault("To") == phone);
        Assert.Equal(Assert.Single(Twilio.AcceptedSidsTo(phone)), sent.TwilioSid);
    }

    [Fact]
    public async Task A_status_report_naming_our_message_records_the_sid_the_send_lost()
    {
        await using var host = Host();
        Twilio.FailLookups = true;
        var (phone, _, id, _) = await ReplyAsyncHanging(host);
        await host.WaitForMessageAsync(id, m => m.Status == MessageStatus.Held, "the reply is held");
        var sid = Assert.Single(Twilio.AcceptedSidsTo(phone));

        // Twilio reports on the text, to the callback URL that names our message.
        var callback = Assert.Single(Twilio.RequestsTo(phone)).Form["StatusCallback"];
        var conversationId = (await host.WaitForMessageAsync(id, _ => true, "the reply")).ConversationId;
        Assert.Equal($"http://localhost/twilio/status?outbound={id}&conversation={conversationId}", callback);
        var response = await host.CreateClient().PostSignedAsync($"/twilio/status?outbound={id}&conversation={conversationId}", TwilioWebhook.Status(sid, "delivered"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        var delivered = await host.WaitForMessageAsync(id, m => m.Status == MessageStatus.Delivered, "the report is applied");
        Assert.Equal(sid, delivered.TwilioSid);
        Assert.Null(delivered.HeldBecause);
    }

    [Fact]
    public async Task A_status_report_whose_outbound_id_was_tampered_with_is_refused()
    {
        await using var host = Host();
        var (_, _, id, _) = await ReplyAsync(host);
        await host.WaitForMessageAsync(id, m => m.TwilioSid is not null, "the reply is sent");
        var sid = TwilioWebhook.NewMessageSid();

        // Signed for another message's callback URL, posted to this one's.
        using var request = TwilioWebhook.Signed($"/twilio/status?outbound={id}", TwilioWebhook.Status(sid, "delivered"),
            signedUrl: $"http://localhost/twilio/status?outbound={id + 1}");
        var response = await host.CreateClient().SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(string Phone, int ConversationId, long MessageId, string AdminId)> ReplyAsyncHanging(TwilioWebFactory host)
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        Twilio.AcceptThenHang(phone);
        var adminId = await host.AdminIdAsync();
        var conversationId = await host.SeedConversationAsync(phone, ConversationStatus.Assigned, adminId);
        var id = await host.Get<IOutboundQueue>().EnqueueAsync(conversationId, "Are you safe to talk?", adminId, MessageOrigin.Advocate);
        return (phone, conversationId, id, adminId);
    }

    /// <summary>Twilio answers, then the instance is gone before the answer is written down.</summary>
    private sealed class DiesAfterSending(ITwilioMessagingApi twilio) : ITwilioMessagingApi
    {
        public async Task<TwilioSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
        {
            await twilio.SendAsync(sms, cancellationToken);
            throw new InvalidOperationException("The instance died before it wrote Twilio's answer down.");
        }

        public Task<TwilioLookupResult> FindSentAsync(OutboundSms sms, DateTime attemptedUtc, CancellationToken cancellationToken)
            => twilio.FindSentAsync(sms, attemptedUtc, cancellationToken);
    }
}
