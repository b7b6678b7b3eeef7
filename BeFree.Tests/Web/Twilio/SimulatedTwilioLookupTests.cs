using BeFree.Core.Messaging.Twilio;
using BeFree.Tests.Web.Twilio.Support;

namespace BeFree.Tests.Web.Twilio;

/// <summary>Simulated mode answers a look-up as Twilio would: it knows what it accepted.</summary>
public sealed class SimulatedTwilioLookupTests(SimulatedTwilioFactory factory) : IClassFixture<SimulatedTwilioFactory>
{
    [Fact]
    public async Task A_text_the_simulator_accepted_is_found_and_another_is_not()
    {
        var twilio = factory.Get<SimulatedTwilio>();
        var phone = TwilioWebhook.NewPhoneNumber();
        var before = DateTime.UtcNow;
        var accepted = Assert.IsType<TwilioSendResult.Accepted>(await twilio.SendAsync(new OutboundSms(1, phone, "Are you safe?"), CancellationToken.None));

        var found = await twilio.FindSentAsync(new OutboundSms(1, phone, "Are you safe?"), before, CancellationToken.None);
        var missing = await twilio.FindSentAsync(new OutboundSms(2, phone, "Something else"), before, CancellationToken.None);

        Assert.Equal(accepted.Sid, Assert.Single(Assert.IsType<TwilioLookupResult.Answered>(found).Matches).Sid);
        Assert.Empty(Assert.IsType<TwilioLookupResult.Answered>(missing).Matches);
    }
}
