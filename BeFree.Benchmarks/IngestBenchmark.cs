using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
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
/// (in this process, on Kestrel, SQLite in a temp folder) and the same load against a bare
/// endpoint that inserts one row per request, in alternating rounds, and prints as its last line
/// (medians over the rounds):
/// <c>ingest &lt;req/s&gt; bare &lt;req/s&gt; ratio &lt;x&gt; p99 &lt;ms&gt;</c>.
/// Usage: <c>dotnet run -c Release --project BeFree.Benchmarks -- [--n 3000] [--c 16] [--texters 500] [--warmup 3000] [--rounds 3] [--with-replies]</c>
/// </summary>
public static class IngestBenchmark
{
    private const string AuthToken = "benchmark-auth-token-0123456789ab";
    private const string AccountSid = "AC00000000000000000000000000bench";
    private const string ShortCode = "233733";

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--screens"))
        {
            return await OpenScreens.MainAsync(args); // What open queue screens cost a text (OpenScreens.cs).
        }
        var n = IntArg(args, "--n", 3000);
        var concurrency = IntArg(args, "--c", 16);
        var texters = IntArg(args, "--texters", 500);
        var warmup = IntArg(args, "--warmup", 3000);
        var rounds = IntArg(args, "--rounds", 3);
        var withReplies = args.Contains("--with-replies");
        var folder = Path.Combine(Path.GetTempPath(), "befree-benchmark-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return await RunAsync(n, concurrency, texters, warmup, rounds, withReplies, folder);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> RunAsync(int n, int concurrency, int texters, int warmup, int rounds, bool withReplies, string folder)
    {
        Console.WriteLine($"N={n} C={concurrency} texters={texters} warmup={warmup} rounds={rounds} replies={(withReplies ? "sent to a local fake Twilio" : "off")} cores={Environment.ProcessorCount}");

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

        // Both servers run side by side and take turns, so a round of each sees the same machine;
        // the figures are the medians over the rounds. Each first gets a warm-up long enough for
        // the JIT to finish optimising its hot path (tiered compilation), which is what a hotline
        // that has been up for a while runs.
        await using var app = await InProcessApp.StartAsync(settings);
        await using var endpoint = await BareEndpoint.StartAsync(Path.Combine(folder, "bare.db"));
        var appUrl = app.BaseUrl + TwilioWebhookUrl.SmsPath;
        await LoadDriver.RunAsync(appUrl, Prepare(appUrl, warmup, texters, signed: true), concurrency);
        await LoadDriver.RunAsync(endpoint.Url, Prepare(endpoint.Url, warmup, texters, signed: false), concurrency);

        var ingestRounds = new List<Measured>();
        var bareRounds = new List<Measured>();
        for (var round = 1; round <= rounds; round++)
        {
            var ingest = await MeasureAsync(appUrl, Prepare(appUrl, n, texters, signed: true), concurrency);
            var bare = await MeasureAsync(endpoint.Url, Prepare(endpoint.Url, n, texters, signed: false), concurrency);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: app {ingest.Load.RequestsPerSecond:F0} req/s ({ingest.Load.Failures} failed, p50 {ingest.Load.Percentile(0.50):F1} ms, p99 {ingest.Load.Percentile(0.99):F1} ms, {ingest.CpuMsPerRequest:F2} CPU ms/request); " +
                $"bare {bare.Load.RequestsPerSecond:F0} req/s ({bare.Load.Failures} failed, p50 {bare.Load.Percentile(0.50):F1} ms, p99 {bare.Load.Percentile(0.99):F1} ms, {bare.CpuMsPerRequest:F2} CPU ms/request)"));
            ingestRounds.Add(ingest);
            bareRounds.Add(bare);
        }

        var stored = await CountInboundAsync(app);
        var sent = warmup + rounds * n - ingestRounds.Sum(r => r.Load.Failures);
        Console.WriteLine($"app stored {stored} inbound texts for {sent} accepted requests{(stored == sent ? "" : " — MISMATCH")}");

        var ingestRate = Median(ingestRounds.Select(r => r.Load.RequestsPerSecond));
        var bareRate = Median(bareRounds.Select(r => r.Load.RequestsPerSecond));
        var p99 = Median(ingestRounds.Select(r => r.Load.Percentile(0.99)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest {ingestRate:F0} bare {bareRate:F0} ratio {ingestRate / bareRate:F2} p99 {p99:F1}"));
        var failed = ingestRounds.Concat(bareRounds).Any(r => r.Load.Failures > 0) || stored != sent;
        return failed ? 1 : 0;
    }

    private sealed record Measured(LoadResult Load, double CpuMsPerRequest);

    /// <summary>One run, with the process CPU time it cost (server and load driver together).</summary>
    private static async Task<Measured> MeasureAsync(string url, List<PreparedRequest> requests, int concurrency)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var load = await LoadDriver.RunAsync(url, requests, concurrency);
        process.Refresh();
        return new Measured(load, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / requests.Count);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
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
