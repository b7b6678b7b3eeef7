using System.Globalization;
using System.Security.Cryptography;
using BeFree.Core.Data;
using BeFree.Core.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BeFree.Benchmarks;

/// <summary>
/// Drives N signed inbound webhooks with unique MessageSids at concurrency C against BeFree.Web
/// (in this process, on Kestrel, SQLite in a temp folder), then the same load against a bare
/// endpoint that inserts one row per request, and prints as its last line:
/// <c>ingest &lt;req/s&gt; bare &lt;req/s&gt; ratio &lt;x&gt; p99 &lt;ms&gt;</c>.
/// Usage: <c>dotnet run -c Release --project BeFree.Benchmarks -- [--n 3000] [--c 16] [--texters 500] [--with-replies]</c>
/// </summary>
public static class IngestBenchmark
{
    private const string AuthToken = "benchmark-auth-token-0123456789ab";
    private const string AccountSid = "AC00000000000000000000000000bench";
    private const string ShortCode = "233733";

    public static async Task<int> Main(string[] args)
    {
        var n = IntArg(args, "--n", 3000);
        var concurrency = IntArg(args, "--c", 16);
        var texters = IntArg(args, "--texters", 500);
        var warmup = IntArg(args, "--warmup", 200);
        var withReplies = args.Contains("--with-replies");
        var folder = Path.Combine(Path.GetTempPath(), "befree-benchmark-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return await RunAsync(n, concurrency, texters, warmup, withReplies, folder);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> RunAsync(int n, int concurrency, int texters, int warmup, bool withReplies, string folder)
    {
        Console.WriteLine($"N={n} C={concurrency} texters={texters} warmup={warmup} replies={(withReplies ? "sent to a local fake Twilio" : "off")} cores={Environment.ProcessorCount}");

        // Automatic replies, when on, go to a local fake Twilio so sending never leaves the machine.
        await using var fakeTwilio = await FakeTwilioApi.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["applicationName"] = "BeFree.Web",
            ["contentRoot"] = WebProjectFolder(),
            ["ConnectionStrings:BeFree"] = $"Data Source={Path.Combine(folder, "befree.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Twilio:Mode"] = "Live",
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:From"] = ShortCode,
            ["Twilio:ApiBaseUrl"] = fakeTwilio.BaseUrl,
        };
        if (!withReplies)
        {
            settings["Twilio:FirstContactReply"] = "";
            settings["Twilio:InfoReply"] = "";
        }

        LoadResult ingest;
        await using (var app = await InProcessApp.StartAsync(settings))
        {
            var url = app.BaseUrl + TwilioWebhookUrl.SmsPath;
            await LoadDriver.RunAsync(url, Prepare(url, warmup, texters, signed: true), concurrency);
            ingest = await LoadDriver.RunAsync(url, Prepare(url, n, texters, signed: true), concurrency);

            var stored = await CountInboundAsync(app);
            Console.WriteLine($"app: {ingest.Requests} requests, {ingest.Failures} failed, {stored} inbound texts stored (expected {warmup + n - ingest.Failures}), p50 {ingest.Percentile(0.50):F1} ms, p99 {ingest.Percentile(0.99):F1} ms");
        }

        LoadResult bare;
        await using (var endpoint = await BareEndpoint.StartAsync(Path.Combine(folder, "bare.db")))
        {
            await LoadDriver.RunAsync(endpoint.Url, Prepare(endpoint.Url, warmup, texters, signed: false), concurrency);
            bare = await LoadDriver.RunAsync(endpoint.Url, Prepare(endpoint.Url, n, texters, signed: false), concurrency);
            Console.WriteLine($"bare: {bare.Requests} requests, {bare.Failures} failed, p50 {bare.Percentile(0.50):F1} ms, p99 {bare.Percentile(0.99):F1} ms");
        }

        var ratio = ingest.RequestsPerSecond / bare.RequestsPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest {ingest.RequestsPerSecond:F0} bare {bare.RequestsPerSecond:F0} ratio {ratio:F2} p99 {ingest.Percentile(0.99):F1}"));
        return ingest.Failures == 0 && bare.Failures == 0 ? 0 : 1;
    }

    /// <summary>Texts from a pool of texters (so both new and continuing conversations), each with a new MessageSid.</summary>
    private static List<PreparedRequest> Prepare(string url, int count, int texters, bool signed)
    {
        var requests = new List<PreparedRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var from = "+1555" + RandomNumberGenerator.GetInt32(0, texters).ToString("D7", CultureInfo.InvariantCulture);
            var form = new List<KeyValuePair<string, string>>
            {
                new("ToCountry", "US"), new("ToState", "TX"), new("SmsMessageSid", sid), new("NumMedia", "0"),
                new("ToCity", ""), new("FromZip", "77002"), new("SmsSid", sid), new("FromState", "TX"),
                new("SmsStatus", "received"), new("FromCity", "HOUSTON"),
                new("Body", "I need help, my employer keeps my passport and I cannot leave. Is this safe?"),
                new("FromCountry", "US"), new("To", ShortCode), new("ToZip", ""), new("NumSegments", "1"),
                new("MessageSid", sid), new("AccountSid", AccountSid), new("From", from), new("ApiVersion", "2010-04-01"),
            };
            var body = new FormUrlEncodedContent(form).ReadAsByteArrayAsync().GetAwaiter().GetResult();
            requests.Add(new PreparedRequest(body, signed ? TwilioSignature.Compute(url, form, AuthToken) : null));
        }
        return requests;
    }

    private static async Task<int> CountInboundAsync(InProcessApp app)
    {
        var dbFactory = app.Host.Services.GetRequiredService<IDbContextFactory<BeFreeDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Messages.CountAsync(m => m.Direction == BeFree.Core.Conversations.MessageDirection.Inbound);
    }

    private static string WebProjectFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BeFree.sln")))
        {
            folder = folder.Parent;
        }
        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("BeFree.sln not found."), "BeFree.Web");
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) && value > 0 ? value : fallback;
    }

    /// <summary>Twilio's Messages endpoint, answering 201 at once: where automatic replies go when enabled.</summary>
    private sealed class FakeTwilioApi : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeTwilioApi(WebApplication app) => _app = app;

        public string BaseUrl => _app.Urls.Single();

        public static async Task<FakeTwilioApi> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", () =>
                Results.Text($$"""{"sid": "SM{{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}}", "status": "queued"}""", "application/json", statusCode: 201));
            await app.StartAsync();
            return new FakeTwilioApi(app);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
