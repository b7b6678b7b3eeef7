using System.Net;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

/// <summary>Live mode against a fake Twilio REST server listening on loopback.</summary>
public sealed class OutboundSendingTests : LiveTwilioTests
{

    private async Task<(string Phone, int ConversationId, long MessageId)> ReplyAsync(string body = "Are you safe to talk?", Action<string>? script = null)
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        script?.Invoke(phone);
        var conversationId = await Factory.SeedConversationAsync(phone);
        var id = await Factory.Get<IOutboundQueue>().EnqueueAsync(conversationId, body, await Factory.AdminIdAsync(), MessageOrigin.Advocate);
        return (phone, conversationId, id);
    }

    [Fact]
    public async Task A_reply_is_saved_then_sent_with_basic_auth_and_a_status_callback()
    {
        var (phone, _, id) = await ReplyAsync("Are you safe to talk? 🙂");

        var sent = await Factory.WaitForMessageAsync(id, m => m.TwilioSid is not null, "Twilio accepts the reply");

        Assert.Equal(MessageStatus.Sending, sent.Status);
        Assert.Equal(1, sent.SendAttempts);
        var request = Assert.Single(Twilio.RequestsTo(phone));
        Assert.Equal($"/2010-04-01/Accounts/{TwilioWebFactory.AccountSid}/Messages.json", request.Path);
        Assert.Equal(TwilioWebFactory.BasicAuthorization, request.Authorization);
        Assert.Equal(TwilioWebFactory.ShortCode, request.Form["From"]);
        Assert.Equal("Are you safe to talk? 🙂", request.Body);
        Assert.Equal($"http://localhost/twilio/status?outbound={id}&conversation={sent.ConversationId}", request.Form["StatusCallback"]);
        // Nothing more than Twilio's Messages API asks for, as a form.
        Assert.Equal(["Body", "From", "StatusCallback", "To"], request.Form.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);

        // Twilio then reports delivery to the status callback.
        var response = await Factory.CreateClient().PostSignedAsync("/twilio/status", TwilioWebhook.Status(sent.TwilioSid!, "delivered"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Factory.WaitForMessageAsync(id, m => m.Status == MessageStatus.Delivered, "the reply is delivered");
    }

    [Fact]
    public async Task A_429_is_retried_and_then_sent()
    {
        var (phone, _, id) = await ReplyAsync(script: p => Twilio.Script(p, FakeTwilioServer.Error(429, 20429, "Too Many Requests", retryAfter: "1")));

        var sent = await Factory.WaitForMessageAsync(id, m => m.TwilioSid is not null, "the retry is accepted");

        Assert.Equal(2, sent.SendAttempts);
        Assert.Null(sent.ErrorCode);
        Assert.Equal(2, Twilio.RequestsTo(phone).Count);
    }

    [Fact]
    public async Task Server_errors_are_retried()
    {
        var (phone, _, id) = await ReplyAsync(script: p => Twilio.Script(p,
            FakeTwilioServer.Error(500, 20500, "Internal Server Error"),
            FakeTwilioServer.Error(503, 20503, "Service Unavailable")));

        var sent = await Factory.WaitForMessageAsync(id, m => m.TwilioSid is not null, "the third attempt is accepted");

        Assert.Equal(3, sent.SendAttempts);
        Assert.Equal(3, Twilio.RequestsTo(phone).Count);
    }

    [Fact]
    public async Task A_reply_that_keeps_failing_with_server_errors_is_marked_failed_after_the_last_attempt()
    {
        var error = FakeTwilioServer.Error(500, 20500, "Internal Server Error");
        var (phone, _, id) = await ReplyAsync(script: p => Twilio.Script(p, error, error, error, error, error));

        var failed = await Factory.WaitForMessageAsync(id, m => m.Status == MessageStatus.Failed, "the reply gives up");

        Assert.Equal(4, failed.SendAttempts);
        Assert.Contains("4 attempts", failed.ErrorMessage);
        Assert.Equal(4, Twilio.RequestsTo(phone).Count);
    }

    [Fact]
    public async Task Error_21610_opts_the_texter_out_and_fails_the_reply_with_the_reason()
    {
        var (phone, conversationId, id) = await ReplyAsync(script: p => Twilio.Script(p,
            FakeTwilioServer.Error(400, 21610, "Attempt to send to unsubscribed recipient")));

        var failed = await Factory.WaitForMessageAsync(id, m => m.Status == MessageStatus.Failed, "the reply fails");

        Assert.Equal("21610", failed.ErrorCode);
        Assert.Contains("unsubscribed", failed.ErrorMessage);
        Assert.Single(Twilio.RequestsTo(phone));
        await using (var db = await Factory.CreateDbContextAsync())
        {
            var conversation = await db.Conversations.Include(c => c.Texter).SingleAsync(c => c.Id == conversationId);
            Assert.True(conversation.Texter.IsOptedOut);
            Assert.True(conversation.OptOutAlert);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == MessagingAuditActions.TexterOptedOut && a.SubjectId == conversation.TexterId.ToString()));
        }
        await Assert.ThrowsAsync<OutboundRefusedException>(() =>
            Factory.Get<IOutboundQueue>().EnqueueAsync(conversationId, "Hello?", null, MessageOrigin.Advocate));
    }

    [Fact]
    public async Task Other_client_errors_fail_the_reply_withTwilio_code_and_message()
    {
        var (_, _, id) = await ReplyAsync(script: p => Twilio.Script(p,
            FakeTwilioServer.Error(400, 21211, "The 'To' number is not a valid phone number.")));

        var failed = await Factory.WaitForMessageAsync(id, m => m.Status == MessageStatus.Failed, "the reply fails");

        Assert.Equal("21211", failed.ErrorCode);
        Assert.Contains("not a valid phone number", failed.ErrorMessage);
        Assert.Equal(1, failed.SendAttempts);
    }

    [Fact]
    public async Task The_training_marker_is_ignored_outside_simulated_mode()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        Twilio.Script(phone); // the acknowledgement goes to the fake
        var sid = TwilioWebhook.NewMessageSid();
        var form = TwilioWebhook.Inbound(phone, "hi", sid, (InboundSms.TrainingParameter, "1"));

        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClient().PostSignedAsync("/twilio/sms", form)).StatusCode);

        await using var db = await Factory.CreateDbContextAsync();
        Assert.False(await db.Messages.Where(m => m.TwilioSid == sid).Select(m => m.Conversation.IsTraining).SingleAsync());
    }

    [Fact]
    public async Task The_simulator_refuses_to_sign_texts_in_live_mode()
    {
        var simulator = Factory.Get<TrainingSimulator>();
        var adminId = await Factory.AdminIdAsync();
        Assert.False(simulator.IsAvailable);
        await Assert.ThrowsAsync<SimulatorInputException>(() =>
            simulator.BuildTextAsync(adminId, new Uri("http://localhost/"), "+15551234567", "hello"));
    }
}
