using System.Net;
using BeFree.Core.Conversations;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

/// <summary>A webhook answers Twilio once the text is committed, whatever the open screens are doing.</summary>
public sealed class LiveUpdateWebhookTests(SimulatedTwilioFactory factory) : IClassFixture<SimulatedTwilioFactory>
{
    private const string SmsPath = "/twilio/sms";

    // Only so a regression fails instead of hanging the run: the answer comes in milliseconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Texts_are_stored_and_answered_while_open_screens_are_stuck_on_an_earlier_change()
    {
        var notifier = factory.Get<ConversationNotifier>();
        var awaitingEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blockingEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        using var awaitingScreen = notifier.Subscribe(async _ =>
        {
            awaitingEntered.TrySetResult();
            await gate.Task;
        });
        using var blockingScreen = notifier.Subscribe(_ =>
        {
            blockingEntered.TrySetResult();
            release.Wait();
            return Task.CompletedTask;
        });
        var client = factory.CreateClient();
        var phone = TwilioWebhook.NewPhoneNumber();
        try
        {
            var first = await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "are you there?")).WaitAsync(Patience);
            await Task.WhenAll(awaitingEntered.Task, blockingEntered.Task).WaitAsync(Patience);
            var second = await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "please answer")).WaitAsync(Patience);

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal(["are you there?", "please answer"], await db.Messages.Where(m => m.Conversation.Texter.PhoneNumber == phone
                && m.Direction == MessageDirection.Inbound).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());
            // Both screens are still holding the first change: nothing above waited for them.
            Assert.False(awaitingScreen.WhenIdleAsync().IsCompleted);
            Assert.False(blockingScreen.WhenIdleAsync().IsCompleted);
        }
        finally
        {
            gate.TrySetResult();
            release.Set();
        }
        await Task.WhenAll(awaitingScreen.WhenIdleAsync(), blockingScreen.WhenIdleAsync()).WaitAsync(Patience);
    }
}
