using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using BeFree.Core.Messaging.Twilio;
using BeFree.Tests.Browser;
using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Cluster;

/// <summary>
/// Two BeFree servers (the built app, as processes) on one PostgreSQL database and one Redis, behind
/// nginx configured with deploy/nginx's own files, sending to a fake Twilio. The database and Redis
/// come from scripts/test-cluster.sh (<see cref="DatabaseVariable"/>, <see cref="RedisVariable"/>);
/// the servers and nginx are started here so a test can kill a server and start it again.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>A PostgreSQL server's connection string; the fixture creates its own database on it.</summary>
    public const string DatabaseVariable = "BEFREE_CLUSTER_POSTGRES";
    public const string RedisVariable = "BEFREE_CLUSTER_REDIS";
    public const string AffinityCookie = "befree_affinity";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "befree-cluster-tests", Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Dictionary<string, string> _settings = null!;
    private Process? _nginx;

    public BrowserFixture Browser { get; } = new();

    public FakeTwilioServer Twilio { get; private set; } = null!;

    /// <summary>Server A and server B.</summary>
    public AppUnderTest[] Servers { get; } = new AppUnderTest[2];

    public string ProxyUrl { get; private set; } = "";

    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>Cookie values that nginx's hash sends to server A and to server B.</summary>
    public string[] Affinity { get; } = new string[2];

    public string WebhookUrl => ProxyUrl + TwilioWebhookUrl.SmsPath;

    public async Task InitializeAsync()
    {
        // Fail, never skip: a cluster test that did not run is not a pass.
        var postgres = Environment.GetEnvironmentVariable(DatabaseVariable)
            ?? throw new InvalidOperationException($"{DatabaseVariable} is not set: run the cluster tests with scripts/test-cluster.sh.");
        var redis = Environment.GetEnvironmentVariable(RedisVariable)
            ?? throw new InvalidOperationException($"{RedisVariable} is not set: run the cluster tests with scripts/test-cluster.sh.");
        Directory.CreateDirectory(_folder);
        // An empty database, as a DBA creates it for a new installation; the servers migrate it.
        var database = "befree_cluster_" + Guid.NewGuid().ToString("N")[..12];
        await using (var server = new NpgsqlConnection(postgres))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", server);
            await create.ExecuteNonQueryAsync();
        }
        DatabaseConnectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        await Browser.InitializeAsync();
        Twilio = await FakeTwilioServer.StartAsync();
        var proxyPort = AppUnderTest.FreeLoopbackPort();
        ProxyUrl = $"http://127.0.0.1:{proxyPort}";
        _settings = TestAccounts.BootstrapAdminSettings(new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:BeFree"] = DatabaseConnectionString,
            ["ConnectionStrings:Redis"] = redis,
            ["Twilio:Mode"] = "Live",
            ["Twilio:AccountSid"] = TwilioWebFactory.AccountSid,
            ["Twilio:AuthToken"] = TwilioWebFactory.AuthToken,
            ["Twilio:From"] = TwilioWebFactory.ShortCode,
            ["Twilio:ApiBaseUrl"] = Twilio.BaseUrl,
            // Twilio calls the public address (nginx); each server checks signatures against it.
            ["Twilio:PublicBaseUrl"] = ProxyUrl,
            // A dead server's sends are taken over within seconds, inside the test's time.
            ["Twilio:SendLeaseSeconds"] = "4",
            ["Twilio:RequestTimeoutSeconds"] = "3",
            ["Twilio:RetryBaseDelayMilliseconds"] = "200",
            ["Twilio:RetryMaxDelayMilliseconds"] = "1000",
            ["Proxy:KnownProxies:0"] = "127.0.0.1",
            ["Retention:Enabled"] = "false",
        });

        // Both at once on a new database, as a deployment starts them: migrations, roles, the bootstrap
        // Admin and the directory's seed must each happen once without either server failing.
        var starting = new[] { AppUnderTest.StartAsync(_settings), AppUnderTest.StartAsync(_settings) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            // The one that did start must not outlive the failed run.
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
        (Servers[0], Servers[1]) = (starting[0].Result, starting[1].Result);
        try
        {
            await StartNginxAsync(proxyPort);
            for (var server = 0; server < 2; server++)
            {
                Affinity[server] = await AffinityForAsync(Servers[server].Port);
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public AppUnderTest A => Servers[0];

    public AppUnderTest B => Servers[1];

    /// <summary>Starts server <paramref name="index"/> again on its port after a test killed it.</summary>
    public async Task RestartAsync(int index)
    {
        var port = Servers[index].Port;
        await Servers[index].DisposeAsync();
        Servers[index] = await AppUnderTest.StartAsync(_settings, port);
    }

    /// <summary>A fresh browser profile whose requests nginx sends to server <paramref name="index"/>.</summary>
    public async Task<IPage> NewPageOnAsync(int index)
    {
        var page = await Browser.NewPageAsync(ProxyUrl);
        await page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = AffinityCookie, Value = Affinity[index], Url = ProxyUrl }]);
        return page;
    }

    /// <summary>The app servers (ports) that answered requests carrying <paramref name="affinity"/>, per nginx's log.</summary>
    public IReadOnlyList<int> UpstreamPortsFor(string affinity, string pathPrefix)
        => File.ReadAllLines(AccessLog)
            .Select(line => line.Split(' '))
            .Where(f => f.Length >= 4 && f[0] == affinity && f[3].StartsWith(pathPrefix, StringComparison.Ordinal))
            .Select(f => new Uri("http://" + f[1].Split(',').Last().Trim()).Port)
            .ToList();

    /// <summary>Creates an advocate on the Admin's page; they sign in on server <paramref name="index"/> and set their own password.</summary>
    public async Task<IPage> SignedInAdvocateAsync(IPage admin, string email, string name, int index)
    {
        var temporaryPassword = await HotlineScenario.CreateStaffAsync(admin, email, name, "Advocate");
        var page = await NewPageOnAsync(index);
        await FirstAdminSetupFlowTests.SignInAsync(page, email, temporaryPassword);
        await page.GotoAsync("/Account/Manage/ChangePassword");
        await page.FillAsync("#Input\\.OldPassword", temporaryPassword);
        var password = "meadow-copper-lantern-" + Random.Shared.Next(10, 99);
        await page.FillAsync("#Input\\.NewPassword", password);
        await page.FillAsync("#Input\\.ConfirmPassword", password);
        await page.ClickAsync("[data-testid=change-password]");
        await Expect(page).ToHaveURLAsync(new Regex("/inbox$")); // an advocate lands on the inbox after replacing the temporary password
        return page;
    }

    /// <summary>A texter's text as Twilio posts it: signed for the public URL, sent to one server's address.</summary>
    public async Task<HttpResponseMessage> PostInboundAsync(AppUnderTest server, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + TwilioWebhookUrl.SmsPath) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(WebhookUrl, form, TwilioWebFactory.AuthToken));
        return await _http.SendAsync(request);
    }

    public NpgsqlConnection OpenDatabase()
    {
        var connection = new NpgsqlConnection(DatabaseConnectionString);
        connection.Open();
        return connection;
    }

    private string AccessLog => Path.Combine(_folder, "access.log");

    private async Task StartNginxAsync(int port)
    {
        var deploy = Path.Combine(AppUnderTest.RepositoryRoot(), "deploy", "nginx");
        // The upstream block of the deployed site, with the two loopback servers in place of the example addresses.
        var site = await File.ReadAllTextAsync(Path.Combine(deploy, "befree.conf"));
        var upstream = Regex.Match(site, @"upstream befree_app \{.*?\n\}", RegexOptions.Singleline).Value;
        var servers = Regex.Matches(upstream, @"server \S+:\d+").Select(m => m.Value).ToList();
        Assert.Equal(2, servers.Count);
        upstream = upstream.Replace(servers[0], $"server 127.0.0.1:{A.Port}").Replace(servers[1], $"server 127.0.0.1:{B.Port}");
        var config = $$"""
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log warn;
            worker_processes 1;
            events { worker_connections 512; }
            http {
                log_format cluster '$cookie_{{AffinityCookie}} $upstream_addr $status $request_uri';
                include {{deploy}}/snippets/befree-http.conf;
                {{upstream}}
                server {
                    listen 127.0.0.1:{{port}};
                    access_log {{AccessLog}} cluster;
                    include {{deploy}}/snippets/befree-locations.conf;
                }
            }
            """;
        var configPath = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);
        _nginx = Process.Start(new ProcessStartInfo("nginx", ["-p", _folder, "-c", configPath, "-g", "daemon off;"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start nginx.");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await _http.GetAsync(ProxyUrl + "/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !_nginx.HasExited)
            {
            }
            if (_nginx.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new InvalidOperationException("nginx did not start: " + await _nginx.StandardError.ReadToEndAsync()
                    + File.ReadAllText(Path.Combine(_folder, "error.log")));
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Finds a cookie value that nginx's consistent hash sends to the server on <paramref name="port"/>.</summary>
    private async Task<string> AffinityForAsync(int port)
    {
        for (var probe = 0; probe < 200; probe++)
        {
            var value = $"probe-{probe}";
            using var request = new HttpRequestMessage(HttpMethod.Get, ProxyUrl + "/healthz");
            request.Headers.Add("Cookie", $"{AffinityCookie}={value}");
            Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
            // nginx writes its log line as the request ends, which may be just after we read the answer.
            var logged = Stopwatch.StartNew();
            IReadOnlyList<int> ports;
            while ((ports = UpstreamPortsFor(value, "/healthz")).Count == 0 && logged.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(20);
            }
            if (ports.LastOrDefault() == port)
            {
                return value;
            }
        }
        throw new InvalidOperationException($"nginx sent none of 200 affinity values to port {port}.");
    }

    private bool _disposed;

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await Browser.DisposeAsync();
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }
        foreach (var server in Servers.Where(s => s is not null))
        {
            await server.DisposeAsync();
        }
        if (Twilio is not null)
        {
            await Twilio.DisposeAsync();
        }
        _http.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// The cluster tests need servers the test command does not start; scripts/test-cluster.sh runs them
/// (<c>--filter Category=Cluster</c>) and the other runs leave them out.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
    public const string Trait = "Category";
    public const string Category = "Cluster";
}
