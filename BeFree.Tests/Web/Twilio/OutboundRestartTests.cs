using BeFree.Core.Conversations;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

public sealed class OutboundRestartTests : SharedDatabaseTwilioTests
{

    [Fact]
    public async Task Replies_left_in_the_database_by_a_stopped_instance_are_sent_in_order_by_the_next_one()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        int conversationId;
        // The first instance creates the schema and the conversation, then stops.
        await using (var first = TwilioWebFactory.Live(Twilio.BaseUrl, Database))
        {
            first.CreateClient();
            conversationId = await first.SeedConversationAsync(phone);
        }

        // While no instance runs: two queued replies, and one a dead instance had claimed (its lease has run out).
        await using (var db = Database.CreateContext())
        {
            var now = DateTime.UtcNow;
            db.Messages.AddRange(
                Reply(conversationId, "first, claimed by an instance that died", MessageStatus.Sending, now, attempts: 1, nextAttempt: now.AddSeconds(-1)),
                Reply(conversationId, "second", MessageStatus.Queued, now),
                Reply(conversationId, "third", MessageStatus.Queued, now));
            await db.SaveChangesAsync();
        }

        await using var second = TwilioWebFactory.Live(Twilio.BaseUrl, Database);
        second.CreateClient();

        await second.WaitUntilAsync(
            db => db.Messages.Where(m => m.ConversationId == conversationId).AllAsync(m => m.TwilioSid != null),
            "every left-over reply is sent");
        Assert.Equal(["first, claimed by an instance that died", "second", "third"], Twilio.RequestsTo(phone).Select(r => r.Body));
    }

    private static Message Reply(int conversationId, string body, MessageStatus status, DateTime now, int attempts = 0, DateTime? nextAttempt = null) => new()
    {
        ConversationId = conversationId,
        Direction = MessageDirection.Outbound,
        Origin = MessageOrigin.Advocate,
        Body = body,
        Status = status,
        CreatedUtc = now,
        StatusUpdatedUtc = now,
        SendAttempts = attempts,
        NextAttemptUtc = nextAttempt,
    };
}
