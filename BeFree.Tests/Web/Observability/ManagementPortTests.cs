using System.Net;
using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using BeFree.Web.Observability;

namespace BeFree.Tests.Web.Observability;

/// <summary>
/// The real server (Kestrel) on two loopback ports: the management port serves <c>/metrics</c> without
/// signing in; the public port does not, whatever Host header the caller writes.
/// </summary>
public sealed class ManagementPortTests : IDisposable
{
    private readonly int _publicPort;
    private readonly int _managementPort;
    private readonly BeFreeWebFactory _factory;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public ManagementPortTests()
    {
        // A port found free can be taken by another test before Kestrel binds it: start again on new ones.
        for (var attempt = 1; ; attempt++)
        {
            var (publicPort, managementPort) = (AppUnderTest.FreeLoopbackPort(), AppUnderTest.FreeLoopbackPort());
            var factory = new BeFreeWebFactory();
            factory.Settings["Metrics:ManagementPort"] = managementPort.ToString();
            factory.UseKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, publicPort);
                kestrel.Listen(IPAddress.Loopback, managementPort);
            });
            try
            {
                factory.StartServer();
                (_publicPort, _managementPort, _factory) = (publicPort, managementPort, factory);
                return;
            }
            catch (Exception) when (attempt < 5)
            {
                factory.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_management_port_serves_the_figures_without_signing_in()
    {
        var response = await _http.GetAsync($"http://127.0.0.1:{_managementPort}/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("befree_queue_length", body);
        Assert.Contains("befree_outbound_backlog", body);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/admin/system")]
    public async Task The_management_port_serves_nothing_but_metrics_and_health(string path)
    {
        var response = await _http.GetAsync($"http://127.0.0.1:{_managementPort}{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"http://127.0.0.1:{_managementPort}/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"http://127.0.0.1:{_publicPort}/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task The_public_port_answers_404_even_to_a_host_header_naming_the_management_port()
    {
        var plain = await _http.GetAsync($"http://127.0.0.1:{_publicPort}/metrics");
        using var forged = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_publicPort}/metrics");
        forged.Headers.Host = $"127.0.0.1:{_managementPort}";
        var withForgedHost = await _http.SendAsync(forged);

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withForgedHost.StatusCode);
        Assert.DoesNotContain("befree_", await withForgedHost.Content.ReadAsStringAsync());
        // The app itself is served on the public port.
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"http://127.0.0.1:{_publicPort}/healthz")).StatusCode);
    }

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }
}

/// <summary>Where the app listens once a management port is set: nothing to start.</summary>
public sealed class ManagementPortAddressesTests
{
    [Theory]
    [InlineData("http://localhost:5080", null, 9464, new[] { "http://localhost:5080", "http://*:9464" })]
    [InlineData("http://+:80;https://+:443", null, 9464, new[] { "http://+:80", "https://+:443", "http://*:9464" })]
    [InlineData(null, "8080", 9464, new[] { "http://*:8080", "http://*:9464" })]
    [InlineData(null, null, 9464, new[] { "http://localhost:5000", "http://*:9464" })]
    [InlineData("http://+:80;http://+:9464", null, 9464, new[] { "http://+:80", "http://+:9464" })]
    public void The_management_port_is_added_to_the_addresses_the_app_was_given(string? urls, string? httpPorts, int port, string[] expected)
        => Assert.Equal(expected, TelemetrySetup.ServerUrls(urls, httpPorts, null, port));
}
