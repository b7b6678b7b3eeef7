using System.Net;
using BeFree.Tests.Web.Twilio.Support;

namespace BeFree.Tests.Web.Twilio;

public sealed class ProxiedTwilioFactory : TwilioWebFactory
{
    public const string PublicBase = "https://befree.example.org";

    public ProxiedTwilioFactory() => Settings["Twilio:PublicBaseUrl"] = PublicBase;
}

/// <summary>Behind a proxy or tunnel the app sees http://localhost, but Twilio signed the public https URL.</summary>
public sealed class PublicBaseUrlTests(ProxiedTwilioFactory factory) : IClassFixture<ProxiedTwilioFactory>
{
    [Fact]
    public async Task A_signature_over_the_public_url_is_accepted()
    {
        var form = TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), "hello");
        var response = await factory.CreateClient().PostSignedAsync("/twilio/sms", form, signedUrl: ProxiedTwilioFactory.PublicBase + "/twilio/sms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_signature_over_the_url_the_app_sees_is_refused()
    {
        var form = TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), "hello");
        var response = await factory.CreateClient().PostSignedAsync("/twilio/sms", form, signedUrl: "http://localhost/twilio/sms");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_public_url_with_an_explicit_default_port_is_accepted()
    {
        var form = TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), "hello");
        var response = await factory.CreateClient().PostSignedAsync("/twilio/sms", form, signedUrl: "https://befree.example.org:443/twilio/sms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
