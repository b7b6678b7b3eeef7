using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BeFree.Benchmarks;

/// <summary>
/// Drives N signed inbound webhooks with unique MessageSids at concurrency C against BeFree.Web
/// (in this process, on Kestrel, on SQLite in a temp folder or on a PostgreSQL server) and the same
/// load against a bare endpoint that inserts one row per request into the same kind of database, in
/// alternating rounds, and prints as its last line (medians over the rounds):
/// <c>ingest &lt;req/s&gt; bare &lt;req/s&gt; ratio &lt;x&gt; p99 &lt;ms&gt;</c>.
/// The default mix is the hotline's: every text from a new number, so every one earns the automatic
/// first-contact reply, which a fake Twilio accepts and then reports <c>sent</c> and <c>delivered</c>
/// for through the signed status webhook, as Twilio does.
/// Usage: <c>dotnet run -c Release --project BeFree.Benchmarks -- --help</c>
/// </summary>
public static class IngestBenchmark
{
    internal const string AuthToken = "benchmark-auth-token-0123456789ab";
    internal const string AccountSid = "AC00000000000000000000000000bench";
    internal const string ShortCode = "233733";

    private const string Usage = """
        Ingest benchmark: signed inbound webhooks against BeFree.Web and a bare one-insert endpoint, in alternating rounds.
          --n N                texts per round (3000)
          --c C                requests in flight (32)
          --rounds R           measured rounds of each (3)
          --warmup W           texts before measuring (3000)
          --mix MIX            hotline (default): a new texter per text, automatic replies on, status callbacks sent and delivered
                               replies: as hotline without status callbacks
                               bare-text: automatic replies off, no callbacks (--with-replies is the old name of 'replies')
          --texters T          draw senders from T numbers instead of a new number per text (default: new for hotline/replies, 500 for bare-text)
          --database DB        sqlite (default) or postgres
          --postgres CS        PostgreSQL server connection string (else BEFREE_TEST_POSTGRES; see scripts/test-postgres.sh start DIR)
          --profile            also print EF Core's commands and commits per text over the measured rounds (where the database time goes)
          --circuits [N]       instead: server memory per open inbox screen, N real Blazor circuits in Chromium (200) (OpenCircuits.cs)
          --screens [N]        instead: what N open queue screens (20) cost a webhook and how fast a text reaches them (OpenScreens.cs)
        Last line: ingest <req/s> bare <req/s> ratio <x> p99 <ms> (medians over the rounds).
        """;

    /// <summary>What one run drives; the whole command line, parsed.</summary>
    internal sealed record IngestOptions(int N, int Concurrency, int Rounds, int Warmup, IngestMix Mix, int? Texters, BenchmarkDatabase Database, bool Profile)
    {
        public bool RepliesOn => Mix != IngestMix.BareText;
        public bool StatusCallbacks => Mix == IngestMix.Hotline;

        public static IngestOptions Parse(string[] args)
        {
            var mix = StringArg(args, "--mix") switch
            {
                null when args.Contains("--with-replies") => IngestMix.Replies,
                null or "hotline" => IngestMix.Hotline,
                "replies" => IngestMix.Replies,
                "bare-text" => IngestMix.BareText,
                var other => throw new ArgumentException($"Unknown --mix '{other}'."),
            };
            var texters = IntArg(args, "--texters", 0);
            return new IngestOptions(IntArg(args, "--n", 3000), IntArg(args, "--c", 32), IntArg(args, "--rounds", 3), IntArg(args, "--warmup", 3000),
                mix, texters > 0 ? texters : mix == IngestMix.BareText ? 500 : null, BenchmarkDatabase.Parse(args), args.Contains("--profile"));
        }
    }

    internal enum IngestMix
    {
        Hotline,
        Replies,
        BareText,
    }

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (args.Contains("--circuits"))
        {
            return await OpenCircuits.MainAsync(args); // Server memory per real inbox screen (OpenCircuits.cs).
        }
        if (args.Contains("--screens"))
        {
            return await OpenScreens.MainAsync(args); // What open queue screens cost a text (OpenScreens.cs).
        }
        var options = IngestOptions.Parse(args);
        await using var database = await options.Database.CreateAsync();
        return await RunAsync(options, database);
    }

    private static async Task<int> RunAsync(IngestOptions options, BenchmarkDatabases database)
    {
        var (n, concurrency, rounds, warmup) = (options.N, options.Concurrency, options.Rounds, options.Warmup);
        Console.WriteLine($"N={n} C={concurrency} warmup={warmup} rounds={rounds} mix={options.Mix} texters={(options.Texters?.ToString(CultureInfo.InvariantCulture) ?? "a new one per text")} " +
            $"database={database.Name} replies={(options.RepliesOn ? "sent to a local fake Twilio" : "off")} status-callbacks={(options.StatusCallbacks ? "sent, delivered" : "off")} cores={Environment.ProcessorCount}");

        using var profile = options.Profile ? new EfProfile() : null;
        // Automatic replies, when on, go to a local fake Twilio so sending never leaves the machine.
        await using var fakeTwilio = await FakeTwilioApi.StartAsync(options.StatusCallbacks);
        var port = InProcessApp.FreeLoopbackPort();
        var appBaseUrl = $"http://127.0.0.1:{port}";
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["AllowedHosts"] = "127.0.0.1;localhost", // Production refuses to start without named hosts
            ["applicationName"] = "BeFree.Web",
            ["contentRoot"] = WebProjectFolder(),
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:BeFree"] = database.AppConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Twilio:Mode"] = "Live",
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:From"] = ShortCode,
            ["Twilio:ApiBaseUrl"] = fakeTwilio.BaseUrl,
            // Twilio signs with the URL it was given: the one webhooks and status callbacks are signed for.
            ["Twilio:PublicBaseUrl"] = appBaseUrl,
        };
        if (!options.RepliesOn)
        {
            settings["Twilio:FirstContactReply"] = "";
            settings["Twilio:InfoReply"] = "";
        }

        // Both servers run side by side and take turns, so a round of each sees the same machine;
        // the figures are the medians over the rounds. Each first gets a warm-up long enough for
        // the JIT to finish optimising its hot path (tiered compilation), which is what a hotline
        // that has been up for a while runs.
        await using var app = await InProcessApp.StartAsync(settings, port);
        await using var endpoint = await BareEndpoint.StartAsync(database);
        var appUrl = app.BaseUrl + TwilioWebhookUrl.SmsPath;
        var numbers = new SenderNumbers(options.Texters);
        await LoadDriver.RunAsync(appUrl, Prepare(appUrl, warmup, numbers, signed: true), concurrency);
        await LoadDriver.RunAsync(endpoint.Url, Prepare(endpoint.Url, warmup, numbers, signed: false), concurrency);
        await WaitForOutboundAsync(app, fakeTwilio, options);

        profile?.Reset();
        var ingestRounds = new List<Measured>();
        var bareRounds = new List<Measured>();
        for (var round = 1; round <= rounds; round++)
        {
            var ingest = await MeasureAsync(appUrl, Prepare(appUrl, n, numbers, signed: true), concurrency);
            var bare = await MeasureAsync(endpoint.Url, Prepare(endpoint.Url, n, numbers, signed: false), concurrency);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: app {ingest.Load.RequestsPerSecond:F0} req/s ({ingest.Load.Failures} failed, p50 {ingest.Load.Percentile(0.50):F1} ms, p99 {ingest.Load.Percentile(0.99):F1} ms, {ingest.CpuMsPerRequest:F2} CPU ms/request); " +
                $"bare {bare.Load.RequestsPerSecond:F0} req/s ({bare.Load.Failures} failed, p50 {bare.Load.Percentile(0.50):F1} ms, p99 {bare.Load.Percentile(0.99):F1} ms, {bare.CpuMsPerRequest:F2} CPU ms/request)"));
            ingestRounds.Add(ingest);
            bareRounds.Add(bare);
        }

        var stored = await CountInboundAsync(app);
        var sent = warmup + rounds * n - ingestRounds.Sum(r => r.Load.Failures);
        Console.WriteLine($"app stored {stored} inbound texts for {sent} accepted requests{(stored == sent ? "" : " — MISMATCH")}");
        var outboundOk = await WaitForOutboundAsync(app, fakeTwilio, options);
        profile?.Print(rounds * n, Median(ingestRounds.Select(r => r.CpuMsPerRequest)), Median(bareRounds.Select(r => r.CpuMsPerRequest)));

        var ingestRate = Median(ingestRounds.Select(r => r.Load.RequestsPerSecond));
        var bareRate = Median(bareRounds.Select(r => r.Load.RequestsPerSecond));
        var p99 = Median(ingestRounds.Select(r => r.Load.Percentile(0.99)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"targets: texts/s >= 1000 {(ingestRate >= 1000 ? "met" : "MISSED")}, ratio >= 0.5 {(ingestRate / bareRate >= 0.5 ? "met" : "MISSED")}, p99 < 100 ms {(p99 < 100 ? "met" : "MISSED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest {ingestRate:F0} bare {bareRate:F0} ratio {ingestRate / bareRate:F2} p99 {p99:F1}"));
        var failed = ingestRounds.Concat(bareRounds).Any(r => r.Load.Failures > 0) || stored != sent || !outboundOk;
        return failed ? 1 : 0;
    }

    /// <summary>
    /// Waits (up to a minute) until every automatic reply has been accepted by the fake Twilio and, with
    /// status callbacks, reported delivered; prints how far it got. The sender and the reports run
    /// beside the measured ingest, so the rounds pay for them; this only checks that they kept up.
    /// </summary>
    private static async Task<bool> WaitForOutboundAsync(InProcessApp app, FakeTwilioApi fakeTwilio, IngestOptions options)
    {
        if (!options.RepliesOn)
        {
            return true;
        }
        var dbFactory = app.Host.Services.GetRequiredService<IDbContextFactory<BeFreeDbContext>>();
        var clock = Stopwatch.StartNew();
        var finished = options.StatusCallbacks ? BeFree.Core.Conversations.MessageStatus.Delivered : BeFree.Core.Conversations.MessageStatus.Sent;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var outbound = db.Messages.Where(m => m.Direction == BeFree.Core.Conversations.MessageDirection.Outbound);
            var total = await outbound.CountAsync();
            var done = await outbound.CountAsync(m => m.Status == finished || (!options.StatusCallbacks && m.TwilioSid != null));
            if (done == total || clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"outbound: {done} of {total} automatic replies {(options.StatusCallbacks ? "delivered" : "accepted by Twilio")} {clock.Elapsed.TotalSeconds:F1} s after the load; fake Twilio took {fakeTwilio.Accepted} sends, {fakeTwilio.CallbacksPosted} status callbacks ({fakeTwilio.CallbacksFailed} refused)"));
                return done == total && fakeTwilio.CallbacksFailed == 0;
            }
            await Task.Delay(200);
        }
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

    /// <summary>Where texts come from: a new number each (the hotline's first contacts), or a pool of texters.</summary>
    private sealed class SenderNumbers(int? pool)
    {
        private int _next;

        public string Next() => "+1555" + (pool is { } size ? RandomNumberGenerator.GetInt32(0, size) : _next++).ToString("D7", CultureInfo.InvariantCulture);
    }

    private static List<PreparedRequest> Prepare(string url, int count, SenderNumbers numbers, bool signed)
    {
        var requests = new List<PreparedRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var from = numbers.Next();
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

    internal static string WebProjectFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BeFree.sln")))
        {
            folder = folder.Parent;
        }
        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("BeFree.sln not found."), "BeFree.Web");
    }

    internal static string? StringArg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    internal static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) && value > 0 ? value : fallback;
    }

    /// <summary>
    /// Twilio's Messages endpoint, answering 201 at once: where automatic replies go. With status
    /// callbacks it then reports the message <c>sent</c> and <c>delivered</c> to the StatusCallback
    /// URL the app gave, signed like Twilio's, one after the other as Twilio does.
    /// </summary>
    private sealed class FakeTwilioApi : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _callbacks = new();
        private int _accepted;
        private int _callbacksPosted;
        private int _callbacksFailed;

        private FakeTwilioApi(WebApplication app) => _app = app;

        public string BaseUrl => _app.Urls.Single();
        public int Accepted => Volatile.Read(ref _accepted);
        public int CallbacksPosted => Volatile.Read(ref _callbacksPosted);
        public int CallbacksFailed => Volatile.Read(ref _callbacksFailed);

        public static async Task<FakeTwilioApi> StartAsync(bool statusCallbacks)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var fake = new FakeTwilioApi(app);
            app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", async (HttpContext http) =>
            {
                var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                Interlocked.Increment(ref fake._accepted);
                if (statusCallbacks)
                {
                    var form = await http.Request.ReadFormAsync();
                    if (form["StatusCallback"].ToString() is { Length: > 0 } callback)
                    {
                        _ = fake.ReportAsync(callback, sid, form["To"].ToString());
                    }
                }
                return Results.Text($$"""{"sid": "{{sid}}", "status": "queued"}""", "application/json", statusCode: 201);
            });
            await app.StartAsync();
            return fake;
        }

        private async Task ReportAsync(string callback, string sid, string to)
        {
            foreach (var status in new[] { "sent", "delivered" })
            {
                var form = new List<KeyValuePair<string, string>>
                {
                    new("SmsSid", sid), new("SmsStatus", status), new("MessageStatus", status), new("To", to),
                    new("MessageSid", sid), new("AccountSid", AccountSid), new("From", ShortCode), new("ApiVersion", "2010-04-01"),
                };
                using var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(callback, form, AuthToken));
                try
                {
                    using var response = await _callbacks.SendAsync(request);
                    Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _callbacksPosted : ref _callbacksFailed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref _callbacksFailed);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _callbacks.Dispose();
        }
    }
}
