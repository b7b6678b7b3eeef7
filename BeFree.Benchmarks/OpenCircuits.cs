using System.Diagnostics;
using System.Globalization;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Observability;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BeFree.Benchmarks;

/// <summary>
/// Server memory per open advocate screen, measured on real screens: BeFree.Web in this process (SQLite in a temp folder, or
/// PostgreSQL with <c>--database postgres</c>), headless Chromium opening N inbox tabs for advocates signed in through the sign-in page, each tab its own
/// Blazor circuit with the whole workstation (layout, alerts, inbox, shared queue). The managed heap after full
/// collections, before the tabs open and once all N are live (counted by the app's own open-screen figure), divided
/// by N. The queue holds 50 waiting texters (<c>--waiting</c>) and each advocate holds 3 conversations, as on a busy evening.
/// Usage: <c>dotnet run -c Release --project BeFree.Benchmarks -- --circuits [200] [--waiting 50] [--hold seconds] [--database postgres]</c>
/// </summary>
internal static class OpenCircuits
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Password = "benchmark-copper-lantern-42";
    /// <summary>Tabs per browser profile: one advocate each, as several people on one hotline.</summary>
    private const int TabsPerAdvocate = 10;

    public static async Task<int> MainAsync(string[] args)
    {
        var circuits = IngestBenchmark.IntArg(args, "--circuits", 200);
        await using var database = await BenchmarkDatabase.Parse(args).CreateAsync();
        return await RunAsync(circuits, database, args);
    }

    private static async Task<int> RunAsync(int circuits, BenchmarkDatabases database, string[] args)
    {
        if (!File.Exists(ChromiumPath))
        {
            Console.Error.WriteLine($"Chromium is missing at {ChromiumPath}; the README's test command installs it.");
            return 2;
        }
        Console.WriteLine($"database={database.Name} circuits={circuits} cores={Environment.ProcessorCount}");
        var settings = OpenScreens.AppSettings(database);
        await using var app = await InProcessApp.StartAsync(settings, InProcessApp.FreeLoopbackPort());
        var services = app.Host.Services;
        var advocates = new List<string>();
        for (var i = 0; i < (circuits + TabsPerAdvocate - 1) / TabsPerAdvocate; i++)
        {
            advocates.Add(await CreateAdvocateAsync(services, i));
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var sender = new OpenScreens.WebhookSender(http, app.BaseUrl + TwilioWebhookUrl.SmsPath);
        var waiting = IngestBenchmark.IntArg(args, "--waiting", 50);
        await SeedShiftAsync(services, sender, advocates, waiting);
        var figures = services.GetRequiredService<SystemFigures>();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--renderer-process-limit=8", "--disable-renderer-backgrounding",
                "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
        });

        // Sign every advocate in first (their sign-in pages closed), so the baseline holds the signed-in app.
        var contexts = new List<IBrowserContext>();
        foreach (var email in advocates)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1366, Height = 768 } });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("#Input\\.Email", email);
            await page.FillAsync("#Input\\.Password", Password);
            await page.ClickAsync("[data-testid=sign-in]");
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException($"{email} was not signed in: {page.Url} says {await page.InnerTextAsync("main")}");
            }
            await page.CloseAsync();
            contexts.Add(context);
        }
        await WaitForAsync(() => figures.OpenScreens == 0, "the sign-in screens to close");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
        var started = Stopwatch.GetTimestamp();
        var pages = new List<IPage>(circuits);
        for (var i = 0; i < circuits; i++)
        {
            var page = await contexts[i / TabsPerAdvocate].NewPageAsync();
            await page.GotoAsync("/inbox");
            await page.WaitForSelectorAsync("[data-testid=inbox-page][data-live=true]");
            pages.Add(page);
        }
        await WaitForAsync(() => figures.OpenScreens >= circuits, $"all {circuits} screens to count as open");
        var openSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetAfter = Process.GetCurrentProcess().WorkingSet64;
        var openScreens = figures.OpenScreens;

        // Still live with all of them open: one new texter reaches every tab.
        var visible = await TimeOneTextToAllAsync(services, sender, pages);
        GC.KeepAlive(pages);

        var perCircuit = (double)(after - before) / circuits;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"open screens counted by the app: {openScreens} (opened in {openSeconds:F0} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed memory per open inbox screen ({circuits} real Blazor circuits): {perCircuit / 1024:F1} KB (goal ≤ 300)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process working set per open inbox screen: {(workingSetAfter - workingSetBefore) / (double)circuits / 1024:F1} KB (managed and native; not a target)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"a new text on all {circuits} open inbox tabs: {visible:F0} ms (one text; the browser shares the two cores)"));
        if (IngestBenchmark.IntArg(args, "--hold", 0) is > 0 and var hold)
        {
            // Time to take a heap dump of this process (dotnet-gcdump collect -p PID) with every screen open.
            Console.WriteLine($"holding {hold} s for a heap dump: dotnet-gcdump collect -p {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        return 0;
    }

    private static async Task<double> TimeOneTextToAllAsync(IServiceProvider services, OpenScreens.WebhookSender sender, IReadOnlyList<IPage> pages)
    {
        var started = Stopwatch.GetTimestamp();
        await sender.SendAsync(1, "live");
        var id = (await QueuedIdsAsync(services)).Max();
        foreach (var page in pages)
        {
            await page.WaitForSelectorAsync($"[data-testid=inbox-queue-row-{id}]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<List<int>> QueuedIdsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<BeFreeDbContext>>().CreateDbContextAsync();
        return await db.Conversations.AsNoTracking().Where(c => c.Status == ConversationStatus.Queued).Select(c => c.Id).ToListAsync();
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + 120 * Stopwatch.Frequency;
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }
            await Task.Delay(50);
        }
    }

    private static async Task<string> CreateAdvocateAsync(IServiceProvider services, int index)
    {
        var email = $"advocate{index}@befree.test";
        await OpenScreens.CreateAdvocateAsync(services, email, Password);
        return email;
    }

    /// <summary>Texters waiting in the queue, and three conversations held by each advocate.</summary>
    private static async Task SeedShiftAsync(IServiceProvider services, OpenScreens.WebhookSender sender, IReadOnlyList<string> advocateEmails, int waiting)
    {
        await sender.SendAsync(waiting + 3 * advocateEmails.Count, "seed");
        var queued = new Queue<int>((await QueuedIdsAsync(services)).Order());
        var queue = services.GetRequiredService<QueueService>();
        await using var db = await services.GetRequiredService<IDbContextFactory<BeFreeDbContext>>().CreateDbContextAsync();
        foreach (var email in advocateEmails)
        {
            var id = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            for (var held = 0; held < 3; held++)
            {
                await queue.ClaimAsync(id, queued.Dequeue());
            }
        }
    }
}
