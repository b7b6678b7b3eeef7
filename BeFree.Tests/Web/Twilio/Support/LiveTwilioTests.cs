namespace BeFree.Tests.Web.Twilio.Support;

/// <summary>Live mode against a fake Twilio REST server on loopback, both fresh for each test.</summary>
public abstract class LiveTwilioTests : IAsyncLifetime
{
    protected FakeTwilioServer Twilio { get; private set; } = null!;

    protected TwilioWebFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Twilio = await FakeTwilioServer.StartAsync();
        Factory = TwilioWebFactory.Live(Twilio.BaseUrl);
        Configure(Factory);
        Factory.CreateClient(); // starts the app
    }

    /// <summary>Settings a test class needs before the app starts.</summary>
    protected virtual void Configure(TwilioWebFactory factory)
    {
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
