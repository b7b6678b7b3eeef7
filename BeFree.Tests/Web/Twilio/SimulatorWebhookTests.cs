using System.Collections.Concurrent;
using System.Net;
using BeFree.Core.Messaging.Twilio;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Twilio.Support;
using BeFree.Web.Components.Pages.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BeFree.Tests.Web.Twilio;

/// <summary>
/// The simulator behind a configured public URL, its webhook answered by a stand-in that records
/// where each post went and answers with an error page full of server detail.
/// </summary>
public sealed class SimulatorWebhookFactory : TwilioWebFactory
{
    public const string PublicBase = "https://befree.example.org";
    public const string UpstreamDetail = "System.InvalidOperationException: connection string Host=db.internal;Password=hunter2";

    public SimulatorWebhookFactory() => Settings["Twilio:PublicBaseUrl"] = PublicBase;

    public ConcurrentQueue<Uri> Posts { get; } = new();

    public RecordingLoggerProvider Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(SimulatorAccess.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new Upstream(Posts));
            services.AddLogging(logging => logging.AddProvider(Log));
        });
    }

    private sealed class Upstream(ConcurrentQueue<Uri> posts) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            posts.Enqueue(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent(UpstreamDetail) });
        }
    }
}

public sealed class SimulatorWebhookTests(SimulatorWebhookFactory factory) : IClassFixture<SimulatorWebhookFactory>
{
    [Fact]
    public async Task The_simulator_posts_to_the_configured_webhook_and_shows_no_upstream_detail()
    {
        _ = factory.Server; // started
        await using var scope = factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<SimulatorWebhookSender>();

        var error = await sender.SendAsync(await factory.AdminIdAsync(), "+15550001111", "Is anyone there?");

        Assert.Equal(new Uri(SimulatorWebhookFactory.PublicBase + "/twilio/sms"), Assert.Single(factory.Posts));
        Assert.NotNull(error);
        Assert.Contains("HTTP 500", error);
        Assert.DoesNotContain("hunter2", error);
        Assert.DoesNotContain("InvalidOperationException", error);
        Assert.Contains(factory.Log.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains(SimulatorWebhookFactory.UpstreamDetail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_public_url_the_text_goes_to_the_address_the_server_listens_on()
    {
        var simulator = factory.Get<TrainingSimulator>();
        var withoutPublicUrl = new TrainingSimulator(
            factory.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<BeFree.Core.Data.BeFreeDbContext>>(),
            Microsoft.Extensions.Options.Options.Create(new TwilioOptions
            {
                Mode = TwilioMode.Simulated, AuthToken = TwilioWebFactory.AuthToken, AccountSid = TwilioWebFactory.AccountSid, From = TwilioWebFactory.ShortCode,
            }),
            factory.Get<Microsoft.Extensions.Hosting.IHostEnvironment>());
        var adminId = await factory.AdminIdAsync();

        var configured = await simulator.BuildTextAsync(adminId, new Uri("http://127.0.0.1:5080/"), "+15550002222", "hi");
        var listening = await withoutPublicUrl.BuildTextAsync(adminId, new Uri("http://127.0.0.1:5080/"), "+15550002222", "hi");

        Assert.Equal(SimulatorWebhookFactory.PublicBase + "/twilio/sms", configured.PostUrl);
        Assert.Equal(configured.PostUrl, configured.SignedUrl);
        Assert.Equal("http://127.0.0.1:5080/twilio/sms", listening.PostUrl);
    }

    [Theory]
    [InlineData(new[] { "http://127.0.0.1:5080" }, "http://127.0.0.1:5080/")]
    [InlineData(new[] { "https://[::]:5443", "http://[::]:5080" }, "http://localhost:5080/")]
    [InlineData(new[] { "http://+:80" }, "http://localhost/")]
    [InlineData(new[] { "http://0.0.0.0:8080" }, "http://localhost:8080/")]
    [InlineData(new string[0], "http://localhost/")]
    public void The_listening_address_comes_from_the_server_not_from_a_request(string[] addresses, string expected)
    {
        var feature = new ServerAddressesFeature();
        foreach (var address in addresses)
        {
            feature.Addresses.Add(address);
        }
        var features = new FeatureCollection();
        features.Set<IServerAddressesFeature>(feature);

        Assert.Equal(new Uri(expected), SimulatorWebhookSender.ListeningAddress(new FakeServer(features)));
    }

    private sealed class FakeServer(IFeatureCollection features) : IServer
    {
        public IFeatureCollection Features { get; } = features;
        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }
}
