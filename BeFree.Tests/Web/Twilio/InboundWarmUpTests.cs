using System.Net;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Inbound;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

/// <summary>Counts the texts the inbound seam is shown.</summary>
public sealed class CountingObserver : IInboundTextObserver
{
    private int _seen;

    public int Seen => Volatile.Read(ref _seen);

    public ValueTask ObserveAsync(InboundText text, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _seen);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The start-up warm-up runs the inbound write path for a made-up text: it must leave no trace.</summary>
public sealed class InboundWarmUpTests(ObservedTwilioFactory<CountingObserver> factory) : IClassFixture<ObservedTwilioFactory<CountingObserver>>
{
    private async Task<(int Texters, int Conversations, int Messages, int Audit)> CountRowsAsync()
    {
        await using var db = await factory.CreateDbContextAsync();
        return (await db.Texters.CountAsync(), await db.Conversations.CountAsync(), await db.Messages.CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task The_warm_up_stores_nothing_shows_no_observer_and_tells_no_screen_and_real_texts_still_store()
    {
        var client = factory.CreateClient();
        var before = await CountRowsAsync();
        using var changes = new ChangeRecorder(factory.Get<ConversationNotifier>());

        // The app ran it once as it started; a second run must leave no trace either.
        await factory.Get<InboundSmsProcessor>().WarmUpAsync(CancellationToken.None);

        Assert.Equal(before, await CountRowsAsync());
        Assert.Empty(await changes.AllAsync());
        Assert.Equal(0, factory.Observer.Seen);

        var phone = TwilioWebhook.NewPhoneNumber();
        var response = await client.PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, "is anyone there"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await factory.CreateDbContextAsync();
        var conversation = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Texter.PhoneNumber == phone);
        Assert.Contains(conversation.Messages, m => m.Body == "is anyone there");
        Assert.Equal(1, factory.Observer.Seen);
        Assert.Contains(await changes.AllAsync(), c => c.ConversationId == conversation.Id && c.Kind == ConversationChangeKind.Created);
    }
}
