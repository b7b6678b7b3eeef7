using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Benchmarks;

/// <summary>
/// What open queue screens cost a text. Starts BeFree.Web in this process (SQLite in a temp folder, or PostgreSQL with
/// <c>--database postgres</c>) and
/// sends signed webhooks, each a new texter's first text, one at a time, alternating phases with no open
/// screen and with N open screens. A screen is what the inbox's lists do without a browser: the shared queue
/// subscription through <see cref="LiveUpdates"/> on its own Blazor dispatcher with the page's own derivation (new
/// arrivals, row results), and the person's own list, re-read only for changes <see cref="MyConversationsWatch"/>
/// lets through. (<c>--circuits</c> measures whole screens in a real browser: OpenCircuits.cs.) Prints the webhook p50 with N screens against 0,
/// the p99 from sending a webhook until its text is in a queue every screen has received, the queue reads
/// per text, and the managed memory per open screen (200 screens, full collections before and after).
/// Usage: <c>dotnet run -c Release --project BeFree.Benchmarks -- --screens [20] [--texts 100] [--rounds 2] [--database postgres]</c>
/// </summary>
internal static class OpenScreens
{
    private const int MemoryScreens = 200;
    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    public static async Task<int> MainAsync(string[] args)
    {
        var screens = IngestBenchmark.IntArg(args, "--screens", 20);
        var texts = IngestBenchmark.IntArg(args, "--texts", 100);
        var rounds = IngestBenchmark.IntArg(args, "--rounds", 2);
        await using var database = await BenchmarkDatabase.Parse(args).CreateAsync();
        return await RunAsync(screens, texts, rounds, database);
    }

    private static async Task<int> RunAsync(int screens, int texts, int rounds, BenchmarkDatabases database)
    {
        Console.WriteLine($"database={database.Name} screens={screens} texts per phase={texts} rounds={rounds} cores={Environment.ProcessorCount}");
        var settings = AppSettings(database);
        await using var app = await InProcessApp.StartAsync(settings, InProcessApp.FreeLoopbackPort());
        var services = app.Host.Services;
        var snapshots = services.GetRequiredService<QueueSnapshots>();
        var feeds = new ScreenFeeds(snapshots, services.GetRequiredService<ConversationNotifier>(), services.GetRequiredService<ConversationService>());
        var advocate = (await CreateAdvocateAsync(services, $"{Guid.NewGuid():N}@befree.test")).Id;
        var url = app.BaseUrl + TwilioWebhookUrl.SmsPath;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var sender = new WebhookSender(http, url);

        // Warm-up: the webhook path and the queue read with screens open, so neither phase pays for the JIT.
        await using (var warm = await ScreenSet.OpenAsync(feeds, advocate, screens, tracker: null))
        {
            await sender.SendAsync(texts, "warm");
            await snapshots.WhenIdleAsync();
        }

        var without = new List<double>();
        var with = new List<double>();
        var visible = new List<double>();
        var afterAnswer = new List<double>();
        var readsPerText = new List<double>();
        var mineReadsPerText = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            await CloseQueueAsync(services);
            without.AddRange((await sender.SendAsync(texts, $"r{round}z")).Select(s => s.LatencyMs));

            await CloseQueueAsync(services);
            var tracker = new VisibilityTracker(screens);
            await using (var open = await ScreenSet.OpenAsync(feeds, advocate, screens, tracker))
            {
                var readsBefore = snapshots.Computations;
                var mineReadsBefore = feeds.MineReads;
                var sent = await sender.SendAsync(texts, $"r{round}s");
                await tracker.WhenAllVisibleAsync(sent.Select(s => s.Token), TimeSpan.FromSeconds(60));
                await snapshots.WhenIdleAsync();
                readsPerText.Add((double)(snapshots.Computations - readsBefore) / texts);
                mineReadsPerText.Add((double)(feeds.MineReads - mineReadsBefore) / texts);
                with.AddRange(sent.Select(s => s.LatencyMs));
                visible.AddRange(sent.Select(s => Stopwatch.GetElapsedTime(s.StartedTimestamp, tracker.VisibleOnAllTimestamp(s.Token)).TotalMilliseconds));
                // The screens' part alone: from the webhook's answer (the text committed) until every screen has it.
                afterAnswer.AddRange(sent.Select(s => Math.Max(0, Stopwatch.GetElapsedTime(s.StartedTimestamp, tracker.VisibleOnAllTimestamp(s.Token)).TotalMilliseconds - s.LatencyMs)));
            }
        }

        await CloseQueueAsync(services);
        var perScreen = await MeasureMemoryPerScreenAsync(feeds, advocate, sender);

        var p50Without = Percentile(without, 0.50);
        var p50With = Percentile(with, 0.50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"webhook p50 {p50Without:F1} ms with 0 screens, {p50With:F1} ms with {screens} screens: ratio {p50With / p50Without:F2} (target ≤ 1.5)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"webhook p99 {Percentile(without, 0.99):F1} ms with 0 screens, {Percentile(with, 0.99):F1} ms with {screens} screens"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"webhook → visible on all {screens} screens: p50 {Percentile(visible, 0.50):F1} ms, p99 {Percentile(visible, 0.99):F1} ms (target < 250); after the webhook's answer: p50 {Percentile(afterAnswer, 0.50):F1} ms, p99 {Percentile(afterAnswer, 0.99):F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue reads per text with {screens} screens: {readsPerText.Average():F2} (shared; 1 or less means it does not grow with screens)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"my-conversations reads per new texter with {screens} screens: {mineReadsPerText.Average():F2} (only changes that can touch a person's list re-read it)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed memory per open queue screen ({MemoryScreens} screens): {perScreen / 1024:F1} KB (goal ≤ 300; the screen's own state and subscription, not a Blazor circuit's render tree)"));
        return 0;
    }

    /// <summary>Managed heap after full collections, before and after opening the screens, divided by their number.</summary>
    private static async Task<double> MeasureMemoryPerScreenAsync(ScreenFeeds feeds, string advocate, WebhookSender sender)
    {
        // A queue as a busy evening has it, so each screen also holds what it derives per waiting conversation.
        var snapshots = feeds.Snapshots;
        await sender.SendAsync(50, "mem");
        await snapshots.WhenIdleAsync();
        await using (var probe = await ScreenSet.OpenAsync(feeds, advocate, 1, tracker: null))
        {
        }
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await using var open = await ScreenSet.OpenAsync(feeds, advocate, MemoryScreens, tracker: null);
        await snapshots.WhenIdleAsync();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(open);
        return (double)(after - before) / MemoryScreens;
    }

    /// <summary>
    /// BeFree.Web's settings for the open-screen benchmarks (here and OpenCircuits.cs): Production, the given
    /// database, Twilio Live against nobody (no automatic reply is configured, so nothing is sent).
    /// </summary>
    internal static Dictionary<string, string> AppSettings(BenchmarkDatabases database) => new()
    {
        ["environment"] = "Production",
        ["AllowedHosts"] = "127.0.0.1;localhost", // Production refuses to start without named hosts
        ["applicationName"] = "BeFree.Web",
        ["contentRoot"] = IngestBenchmark.WebProjectFolder(),
        ["webroot"] = Path.Combine(IngestBenchmark.WebProjectFolder(), "wwwroot"),
        ["Database:Provider"] = database.Provider,
        ["ConnectionStrings:BeFree"] = database.AppConnectionString,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Twilio:Mode"] = "Live",
        ["Twilio:AccountSid"] = IngestBenchmark.AccountSid,
        ["Twilio:AuthToken"] = IngestBenchmark.AuthToken,
        ["Twilio:From"] = IngestBenchmark.ShortCode,
        ["Twilio:FirstContactReply"] = "",
        ["Twilio:InfoReply"] = "",
    };

    /// <summary>An advocate account; with a password it can sign in through the sign-in page.</summary>
    internal static async Task<StaffUser> CreateAdvocateAsync(IServiceProvider services, string email, string? password = null)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Benchmark Advocate",
            CreatedUtc = DateTime.UtcNow,
        };
        Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, [StaffRoles.Advocate]));
        return user;

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
    }

    /// <summary>Closes everything waiting, so every phase starts with an empty queue and the queue stays hotline-sized.</summary>
    private static async Task CloseQueueAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<BeFreeDbContext>>().CreateDbContextAsync();
        await db.Conversations.Where(c => c.Status == ConversationStatus.Queued)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, ConversationStatus.Closed));
        await services.GetRequiredService<ConversationNotifier>().PublishAsync(new ConversationChange(0, ConversationChangeKind.Closed));
        await services.GetRequiredService<QueueSnapshots>().WhenIdleAsync();
    }

    private static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    internal sealed record SentText(string Token, long StartedTimestamp, double LatencyMs);

    /// <summary>Signed webhooks, one at a time; each a new texter whose text starts with a token the screens can find.</summary>
    internal sealed class WebhookSender(HttpClient http, string url)
    {
        private int _texter;

        public async Task<List<SentText>> SendAsync(int count, string prefix)
        {
            var sent = new List<SentText>(count);
            for (var i = 0; i < count; i++)
            {
                var token = $"{prefix}{i:D4}";
                var sid = "SM" + Guid.NewGuid().ToString("N");
                var from = "+1556" + Interlocked.Increment(ref _texter).ToString("D7", CultureInfo.InvariantCulture);
                var form = new List<KeyValuePair<string, string>>
                {
                    new("SmsMessageSid", sid), new("NumMedia", "0"), new("SmsSid", sid), new("SmsStatus", "received"),
                    new("Body", token + " I need help, my employer keeps my passport and I cannot leave."),
                    new("To", IngestBenchmark.ShortCode), new("NumSegments", "1"), new("MessageSid", sid), new("AccountSid", IngestBenchmark.AccountSid),
                    new("From", from), new("ApiVersion", "2010-04-01"),
                };
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new ByteArrayContent(await new FormUrlEncodedContent(form).ReadAsByteArrayAsync()),
                };
                request.Content.Headers.ContentType = FormContentType;
                request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(url, form, IngestBenchmark.AuthToken));
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                response.EnsureSuccessStatusCode();
                sent.Add(new SentText(token, started, latency));
            }
            return sent;
        }
    }

    /// <summary>When each text was first in a queue that every screen had received.</summary>
    private sealed class VisibilityTracker(int screens)
    {
        private readonly ConcurrentDictionary<string, int> _seenBy = new();
        private readonly ConcurrentDictionary<string, long> _visibleOnAll = new();

        public void Seen(string token)
        {
            if (_seenBy.AddOrUpdate(token, 1, (_, count) => count + 1) == screens)
            {
                _visibleOnAll.TryAdd(token, Stopwatch.GetTimestamp());
            }
        }

        public long VisibleOnAllTimestamp(string token) => _visibleOnAll[token];

        public async Task WhenAllVisibleAsync(IEnumerable<string> tokens, TimeSpan patience)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
            foreach (var token in tokens)
            {
                while (!_visibleOnAll.ContainsKey(token))
                {
                    if (Stopwatch.GetTimestamp() > deadline)
                    {
                        throw new TimeoutException($"Text {token} did not reach all {screens} screens.");
                    }
                    await Task.Delay(5);
                }
            }
        }
    }

    /// <summary>What a screen follows, and how often screens re-read one person's list.</summary>
    private sealed class ScreenFeeds(QueueSnapshots snapshots, ConversationNotifier notifier, ConversationService conversations)
    {
        private long _mineReads;

        public QueueSnapshots Snapshots => snapshots;
        public ConversationNotifier Notifier => notifier;
        public long MineReads => Interlocked.Read(ref _mineReads);

        public Task<IReadOnlyList<MyConversationItem>> ReadMineAsync(string actorId)
        {
            Interlocked.Increment(ref _mineReads);
            return conversations.ListMineAsync(actorId);
        }
    }

    /// <summary>N open inbox screens.</summary>
    private sealed class ScreenSet : IAsyncDisposable
    {
        private readonly List<QueueScreen> _screens;

        private ScreenSet(List<QueueScreen> screens) => _screens = screens;

        public static async Task<ScreenSet> OpenAsync(ScreenFeeds feeds, string actorId, int count, VisibilityTracker? tracker)
        {
            var screens = new List<QueueScreen>(count);
            for (var i = 0; i < count; i++)
            {
                screens.Add(await QueueScreen.OpenAsync(feeds, actorId, tracker));
            }
            return new ScreenSet(screens);
        }

        public ValueTask DisposeAsync()
        {
            _screens.ForEach(s => s.Dispose());
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// One open queue page, as <c>QueuePage</c> follows the queue: subscribe, read the current queue, then keep
    /// each newer version and derive this screen's own state from it, on the screen's own dispatcher.
    /// </summary>
    private sealed class QueueScreen : IDisposable
    {
        private readonly Dispatcher _dispatcher = Dispatcher.CreateDefault();
        private readonly VisibilityTracker? _tracker;
        private readonly HashSet<int> _seen = [];
        private readonly Dictionary<int, string> _rowResults = [];
        private IReadOnlyList<QueueItem> _items = [];
        private IReadOnlyList<MyConversationItem> _mine = [];
        private long _shownVersion = -1;
        private bool _chimePending;
        private LiveUpdates? _live;

        private QueueScreen(VisibilityTracker? tracker) => _tracker = tracker;

        public static async Task<QueueScreen> OpenAsync(ScreenFeeds feeds, string actorId, VisibilityTracker? tracker)
        {
            var screen = new QueueScreen(tracker);
            var snapshots = feeds.Snapshots;
            await screen._dispatcher.InvokeAsync(async () =>
            {
                screen._live = new LiveUpdates(true, screen._dispatcher.InvokeAsync, () => { }, ex => Task.FromException(ex));
                // The inbox's own list, re-read only for changes that can touch it (as InboxPage and WorkstationAlerts do).
                var watch = new MyConversationsWatch(actorId);
                screen._live.Follow<ConversationChange>(h => feeds.Notifier.Subscribe(h, watch.Concerns), async _ =>
                {
                    screen._mine = await feeds.ReadMineAsync(actorId);
                    watch.Shown(screen._mine.Select(m => m.ConversationId));
                });
                screen._mine = await feeds.ReadMineAsync(actorId);
                watch.Shown(screen._mine.Select(m => m.ConversationId));
                screen._live.Follow<QueueSnapshot>(h => snapshots.Subscribe(h), snapshot =>
                {
                    screen.Show(snapshot, initial: false);
                    return Task.CompletedTask;
                });
                screen.Show(await snapshots.GetAsync(actorId), initial: true);
            });
            return screen;
        }

        private void Show(QueueSnapshot snapshot, bool initial)
        {
            if (snapshot.Version <= _shownVersion)
            {
                return;
            }
            var first = _shownVersion < 0;
            _shownVersion = snapshot.Version;
            _items = snapshot.Items;
            var arrived = false;
            foreach (var item in _items)
            {
                if (_seen.Add(item.ConversationId))
                {
                    arrived = true;
                    _tracker?.Seen(item.Preview[..item.Preview.IndexOf(' ')]);
                }
            }
            _chimePending |= arrived && !initial && !first;
            foreach (var gone in _rowResults.Keys.Where(id => _items.All(i => i.ConversationId != id)).ToList())
            {
                _rowResults.Remove(gone);
            }
        }

        public void Dispose() => _live?.Dispose();
    }
}
