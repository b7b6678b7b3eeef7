using BeFree.Core.Messaging.Inbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Twilio.Support;

/// <summary>The Simulated-mode app with one more inbound text observer, which the test can read.</summary>
public sealed class ObservedTwilioFactory<TObserver> : TwilioWebFactory where TObserver : class, IInboundTextObserver, new()
{
    public TObserver Observer { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInboundTextObserver>(Observer));
    }
}
