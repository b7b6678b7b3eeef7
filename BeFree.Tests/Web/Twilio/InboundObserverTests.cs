using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Risk;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

/// <summary>Stands in for the risk lexicon: proves the seam sees every text and its changes commit with it.</summary>
public sealed class PassportObserver : IInboundTextObserver
{
    public ValueTask ObserveAsync(InboundText text, CancellationToken cancellationToken)
    {
        if (text.Message.Body.Contains("passport", StringComparison.OrdinalIgnoreCase))
        {
            text.Conversation.SuggestedRisk = RiskLevel.High;
            text.Conversation.SuggestedRiskReason = "test observer";
        }
        return ValueTask.CompletedTask;
    }
}

public sealed class InboundObserverTests(ObservedTwilioFactory<PassportObserver> factory) : IClassFixture<ObservedTwilioFactory<PassportObserver>>
{
    [Fact]
    public async Task Registered_observers_see_each_inbound_text_and_their_changes_are_saved_with_it()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        await factory.CreateClient().PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, "he keeps my passport"));

        await using var db = await factory.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Texter.PhoneNumber == phone);
        Assert.Equal(RiskLevel.High, conversation.SuggestedRisk);
    }
}
