using System.Net;
using BeFree.Core.Conversations;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

public sealed class StatusCallbackTests(SimulatedTwilioFactory factory) : IClassFixture<SimulatedTwilioFactory>
{
    private const string StatusPath = "/twilio/status";

    /// <summary>An outbound text Twilio has accepted (it has a SID), straight into the database.</summary>
    private async Task<(long Id, string Sid, int ConversationId)> SeedAcceptedMessageAsync()
    {
        var conversationId = await factory.SeedConversationAsync(TwilioWebhook.NewPhoneNumber());
        var sid = TwilioWebhook.NewMessageSid();
        await using var db = await factory.CreateDbContextAsync();
        var message = new Message
        {
            ConversationId = conversationId,
            Direction = MessageDirection.Outbound,
            Origin = MessageOrigin.Advocate,
            Body = "Are you safe?",
            TwilioSid = sid,
            Status = MessageStatus.Sending,
            CreatedUtc = DateTime.UtcNow,
            StatusUpdatedUtc = DateTime.UtcNow,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return (message.Id, sid, conversationId);
    }

    private async Task<Message> ReadAsync(long id)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_callback_naming_its_conversation_moves_the_status_on_and_tells_that_conversations_screens()
    {
        var (id, sid, conversationId) = await SeedAcceptedMessageAsync();
        using var changes = new ChangeRecorder(factory.Get<BeFree.Core.Conversations.ConversationNotifier>());

        var response = await factory.CreateClient().PostSignedAsync($"{StatusPath}?outbound={id}&conversation={conversationId}", TwilioWebhook.Status(sid, "delivered"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MessageStatus.Delivered, (await ReadAsync(id)).Status);
        Assert.Single(await changes.ForAsync(conversationId, ConversationChangeKind.MessageStatusChanged));
    }

    [Fact]
    public async Task Callbacks_arriving_out_of_order_never_move_the_status_backwards()
    {
        var (id, sid, conversationId) = await SeedAcceptedMessageAsync();
        var client = factory.CreateClient();
        using var changes = new ChangeRecorder(factory.Get<BeFree.Core.Conversations.ConversationNotifier>());

        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(sid, "delivered"))).StatusCode);
        Assert.Equal(MessageStatus.Delivered, (await ReadAsync(id)).Status);

        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(sid, "sent"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(sid, "queued"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(sid, "undelivered", "30003"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(sid, "failed", "30008"))).StatusCode);
        var afterLateOnes = await ReadAsync(id);
        Assert.Equal(MessageStatus.Delivered, afterLateOnes.Status);
        Assert.Null(afterLateOnes.ErrorCode);

        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(sid, "read"))).StatusCode);
        Assert.Equal(MessageStatus.Read, (await ReadAsync(id)).Status);

        // Only the two real changes were announced.
        Assert.Equal(2, (await changes.ForAsync(conversationId, ConversationChangeKind.MessageStatusChanged)).Count);
    }

    [Fact]
    public async Task A_failure_report_records_twilio_error_code_and_an_explanation()
    {
        var (id, sid, _) = await SeedAcceptedMessageAsync();
        var client = factory.CreateClient();
        await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(sid, "sent"));
        await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(sid, "undelivered", "30003"));

        var message = await ReadAsync(id);
        Assert.Equal(MessageStatus.Undelivered, message.Status);
        Assert.Equal("30003", message.ErrorCode);
        Assert.Contains("unreachable", message.ErrorMessage);
    }

    [Fact]
    public async Task An_unknown_message_sid_is_acknowledged_and_ignored()
    {
        var response = await factory.CreateClient().PostSignedAsync(StatusPath, TwilioWebhook.Status(TwilioWebhook.NewMessageSid(), "delivered"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_status_callback_with_a_bad_signature_changes_nothing()
    {
        var (id, sid, _) = await SeedAcceptedMessageAsync();
        var response = await factory.CreateClient().PostSignedAsync(StatusPath, TwilioWebhook.Status(sid, "delivered"), token: "wrong-token");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(MessageStatus.Sending, (await ReadAsync(id)).Status);
    }

    [Fact]
    public async Task A_status_callback_without_a_status_gets_400()
    {
        var form = TwilioWebhook.Status(TwilioWebhook.NewMessageSid(), "sent");
        form.RemoveAll(p => p.Key is "MessageStatus" or "SmsStatus");
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateClient().PostSignedAsync(StatusPath, form)).StatusCode);
    }

    /// <summary>An outbound text whose send's answer was lost: attempted, no SID.</summary>
    private async Task<long> SeedUnansweredMessageAsync(MessageStatus status = MessageStatus.Sending)
    {
        var conversationId = await factory.SeedConversationAsync(TwilioWebhook.NewPhoneNumber());
        await using var db = await factory.CreateDbContextAsync();
        var message = new Message
        {
            ConversationId = conversationId,
            Direction = MessageDirection.Outbound,
            Origin = MessageOrigin.Advocate,
            Body = "Are you safe?",
            Status = status,
            HeldBecause = status == MessageStatus.Held ? MessageHold.SendOutcomeUnknown : null,
            SendAttempts = 1,
            // A lease far ahead, so the simulated sender leaves it alone during the test.
            NextAttemptUtc = status == MessageStatus.Held ? null : DateTime.UtcNow.AddHours(1),
            CreatedUtc = DateTime.UtcNow,
            StatusUpdatedUtc = DateTime.UtcNow,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    [Theory]
    [InlineData(MessageStatus.Sending)]
    [InlineData(MessageStatus.Held)]
    public async Task A_report_naming_our_outbound_message_records_its_sid_when_it_has_none(MessageStatus status)
    {
        var id = await SeedUnansweredMessageAsync(status);
        var sid = TwilioWebhook.NewMessageSid();

        var response = await factory.CreateClient().PostSignedAsync($"{StatusPath}?outbound={id}", TwilioWebhook.Status(sid, "sent"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await ReadAsync(id);
        Assert.Equal(sid, message.TwilioSid);
        Assert.Equal(MessageStatus.Sent, message.Status);
        Assert.Null(message.HeldBecause);
        Assert.Null(message.NextAttemptUtc);
    }

    [Fact]
    public async Task A_report_naming_a_message_that_has_a_sid_never_replaces_it()
    {
        var (id, sid, _) = await SeedAcceptedMessageAsync();
        var other = TwilioWebhook.NewMessageSid();

        await factory.CreateClient().PostSignedAsync($"{StatusPath}?outbound={id}", TwilioWebhook.Status(other, "delivered"));

        var message = await ReadAsync(id);
        Assert.Equal(sid, message.TwilioSid);
        Assert.Equal(MessageStatus.Sending, message.Status);
    }

    [Fact]
    public async Task Without_a_valid_signature_for_its_url_a_report_records_nothing()
    {
        var id = await SeedUnansweredMessageAsync();

        var response = await factory.CreateClient().PostSignedAsync($"{StatusPath}?outbound={id}", TwilioWebhook.Status(TwilioWebhook.NewMessageSid(), "sent"),
            signedUrl: TwilioWebhook.TestServerBase + StatusPath);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await ReadAsync(id)).TwilioSid);
    }
}
