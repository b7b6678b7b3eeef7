using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using BeFree.Core;
using BeFree.Core.Escalations;
using BeFree.Tests.Browser.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using BeFree.Web.Components.Pages.Escalations;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser;

/// <summary>
/// Every page of the app, opened by someone allowed to see it, in light and in dark colours, checked
/// with axe-core against WCAG 2.0/2.1/2.2 A and AA. Any serious or critical violation fails the case
/// with its rule, impact and elements. A page added to the app without a case here fails
/// <see cref="Every_page_of_the_app_has_an_accessibility_case"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, AccessibilityShift shift) : IClassFixture<AccessibilityShift>
{
    /// <summary>One case per route template of BeFree.Web: who opens it, at which address, and what shows it is ready.</summary>
    private static readonly AxePage[] Pages =
    [
        new("/", Visitor.Advocate, _ => "/"),
        new("/inbox/{ConversationId:int?}", Visitor.Advocate, s => $"/inbox/{s.ClaimedConversationId}", "[data-testid=inbox-page][data-live=true]"),
        new("/queue", Visitor.Advocate, _ => "/queue", "[data-testid=queue-page][data-live=true]"),
        new("/conversations", Visitor.Advocate, _ => "/conversations"),
        new("/conversations/{ConversationId:int}", Visitor.Advocate, s => $"/conversations/{s.ClaimedConversationId}", "[data-testid=reply-text]"),
        new("/conversations/{ConversationId:int}/escalate", Visitor.Advocate, s => $"/conversations/{s.ClaimedConversationId}/escalate", "[data-testid=save-draft]"),
        new("/escalations", Visitor.Lead, _ => "/escalations", "[data-testid^=escalation-row-]"),
        new("/escalations/{EscalationId:int}", Visitor.Advocate, s => $"/escalations/{s.EscalationId}", "[data-testid=escalation-status]"),
        new("/escalations/{EscalationId:int}/packet", Visitor.Advocate, s => $"/escalations/{s.EscalationId}/packet", "[data-testid=escalation-packet]"),
        new("/directory", Visitor.Advocate, _ => "/directory"),
        new("/referrals", Visitor.Advocate, _ => "/referrals"),
        new("/board", Visitor.Lead, _ => "/board", "[data-testid=board-waiting]"),
        new("/board/monitor/{ConversationId:int}", Visitor.Lead, s => $"/board/monitor/{s.ClaimedConversationId}"),
        new("/canned-responses", Visitor.Lead, _ => "/canned-responses"),
        new("/reports", Visitor.Lead, _ => "/reports"),
        new("/search", Visitor.Lead, _ => "/search"),
        new("/simulator", Visitor.Lead, _ => "/simulator"),
        new("/admin/staff", Visitor.Admin, _ => "/admin/staff", "[data-testid=create-staff]"),
        new("/admin/audit", Visitor.Admin, _ => "/admin/audit", "[data-testid=audit-grid]"),
        new("/admin/crm", Visitor.Admin, _ => "/admin/crm"),
        new("/admin/retention", Visitor.Admin, _ => "/admin/retention"),
        new("/admin/system", Visitor.Admin, _ => "/admin/system"),
        new("/admin/twilio-copies", Visitor.Admin, _ => "/admin/twilio-copies"),
        new("/transcripts/{ConversationId:int}", Visitor.Admin, s => $"/transcripts/{s.ClaimedConversationId}"),
        new("/Account/Manage", Visitor.Advocate, _ => "/Account/Manage"),
        new("/Account/Manage/ChangePassword", Visitor.Advocate, _ => "/Account/Manage/ChangePassword"),
        new("/Account/Manage/TwoFactorAuthentication", Visitor.Lead, _ => "/Account/Manage/TwoFactorAuthentication"),
        new("/Account/Manage/EnableAuthenticator", Visitor.Advocate, _ => "/Account/Manage/EnableAuthenticator", "[data-testid=shared-key]"),
        new("/Account/Manage/GenerateRecoveryCodes", Visitor.Lead, _ => "/Account/Manage/GenerateRecoveryCodes"),
        new("/Account/Manage/ResetAuthenticator", Visitor.Lead, _ => "/Account/Manage/ResetAuthenticator"),
        new("/Account/Manage/Passkeys", Visitor.Advocate, _ => "/Account/Manage/Passkeys"),
        new("/Account/Login", Visitor.Anonymous, _ => "/Account/Login", "[data-testid=sign-in]"),
        new("/Account/LoginWith2fa", Visitor.LeadBetweenFactors, _ => "/Account/LoginWith2fa", "[data-testid=verify-2fa]"),
        new("/Account/LoginWithRecoveryCode", Visitor.LeadBetweenFactors, _ => "/Account/LoginWithRecoveryCode"),
        new("/Account/AccessDenied", Visitor.Anonymous, _ => "/Account/AccessDenied"),
        new("/Account/InvalidUser", Visitor.Anonymous, _ => "/Account/InvalidUser"),
        new("/setup", Visitor.FirstAdmin, s => "/setup" + s.SetupQuery, "form"),
        new("/Error", Visitor.Anonymous, _ => "/Error"),
        new("/not-found", Visitor.Anonymous, _ => "/not-found"),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in Pages)
        {
            data.Add(page.Route, "light");
            data.Add(page.Route, "dark");
        }
        return data;
    }

    [Fact]
    public void Every_page_of_the_app_has_an_accessibility_case()
    {
        var appRoutes = typeof(BeFree.Web.Components.App).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false))
            .Select(r => r.Template)
            .Order(StringComparer.Ordinal)
            .ToList();
        var cased = Pages.Select(p => p.Route).Order(StringComparer.Ordinal).ToList();

        Assert.True(appRoutes.Count > 30, "The app's pages were found by their route attributes.");
        Assert.Empty(appRoutes.Except(cased));
        Assert.Empty(cased.Except(appRoutes));
        Assert.Equal(cased.Count, cased.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_page_has_no_serious_or_critical_accessibility_violation(string route, string colours)
    {
        var target = Pages.Single(p => p.Route == route);
        await shift.EnsureAsync(browser);
        var page = await shift.PageForAsync(target.Visitor);
        try
        {
            var dark = colours == "dark";
            await page.EmulateMediaAsync(new() { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
            var url = target.Url(shift);
            await page.GotoAsync(url);
            // Each case must look at the page it meant to, not a sign-in or error page it was sent to.
            await Expect(page).ToHaveURLAsync(new Regex("^https?://[^/]+" + Regex.Escape(url) + "(\\?.*)?$", RegexOptions.IgnoreCase));
            if (target.Ready is not null)
            {
                await Expect(page.Locator(target.Ready).First).ToBeVisibleAsync();
            }
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await WaitForColoursAsync(page, dark);

            var result = await page.RunAxe(AxeOptions);
            var blocking = result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .ToList();
            Assert.True(blocking.Count == 0, Describe(route, colours, blocking));
        }
        finally
        {
            await page.CloseAsync();
            if (!shift.IsProfile(page.Context))
            {
                await page.Context.CloseAsync();
            }
        }
    }

    private static readonly AxeRunOptions AxeOptions = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        },
    };

    /// <summary>
    /// Pages with the workstation's theme switch to the person's colours once interactive (the theme follows
    /// the system); axe must see the final colours. The print packet has no theme and is always light.
    /// </summary>
    private static async Task WaitForColoursAsync(IPage page, bool dark)
    {
        var background = dark ? "rgb(15, 21, 28)" : "rgb(245, 247, 250)";
        await page.WaitForFunctionAsync(
            """
            expected => !getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background')
                || getComputedStyle(document.body).backgroundColor === expected
            """,
            background);
    }

    private static string Describe(string route, string colours, IReadOnlyList<AxeResultItem> violations)
    {
        var text = new StringBuilder($"{route} ({colours}): {violations.Count} serious or critical accessibility violation(s)");
        foreach (var violation in violations)
        {
            text.Append($"\n- {violation.Id} [{violation.Impact}] {violation.Help}");
            foreach (var node in violation.Nodes.Take(8))
            {
                text.Append($"\n    {node.Target}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                var messages = string.Join("; ", checks.Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m)).Distinct());
                if (messages.Length > 0)
                {
                    text.Append($"  — {messages}");
                }
            }
            if (violation.Nodes.Length > 8)
            {
                text.Append($"\n    … and {violation.Nodes.Length - 8} more");
            }
        }
        return text.ToString();
    }
}

public enum Visitor
{
    Anonymous,
    Advocate,
    Lead,
    Admin,
    /// <summary>A shift lead who gave the password and is asked for the second factor.</summary>
    LeadBetweenFactors,
    /// <summary>Nobody yet, on an app with no account, where the first administrator is created.</summary>
    FirstAdmin,
}

public sealed record AxePage(string Route, Visitor Visitor, Func<AccessibilityShift, string> Url, string? Ready = null);

/// <summary>
/// A small shift, set up once for all cases: an advocate with a claimed conversation and an escalation
/// awaiting approval, another texter waiting in the queue, a 2FA-enrolled shift lead and the Admin,
/// each signed in in their own browser profile. A second app with no account serves the setup page.
/// </summary>
public sealed class AccessibilityShift : IAsyncLifetime
{
    public const string LeadEmail = "lee@befree.test";
    public const string LeadPassword = "harbour-quiet-meadow-41";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private HotlineScenario? _scenario;
    private Exception? _seedFailure;
    private AppUnderTest? _emptyApp;
    private string? _setupLink;
    private BrowserFixture _browser = null!;
    private readonly Dictionary<Visitor, IBrowserContext> _profiles = [];

    public int ClaimedConversationId { get; private set; }

    public int EscalationId { get; private set; }

    public async Task EnsureAsync(BrowserFixture browser)
    {
        await _gate.WaitAsync();
        try
        {
            // A shift that could not be set up fails every case at once with the reason, not each after a timeout.
            if (_seedFailure is not null)
            {
                throw new InvalidOperationException("Setting up the shift failed.", _seedFailure);
            }
            if (_scenario is null)
            {
                _browser = browser;
                try
                {
                    await SeedAsync();
                }
                catch (Exception e)
                {
                    _seedFailure = e;
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SeedAsync()
    {
        _scenario = await HotlineScenario.StartAsync(_browser);
        var admin = await _scenario.SignedInAdminAsync();
        var advocate = await _scenario.SignedInStaffAsync(admin, "ana@befree.test", "Ana Advocate", "Advocate");
        var temporary = await HotlineScenario.CreateStaffAsync(admin, LeadEmail, "Lee Lead", "ShiftLead");
        var lead = await _scenario.SignInFirstTimeAsync(LeadEmail, temporary, LeadPassword);
        await HotlineScenario.EnrolAuthenticatorAsync(lead);

        var words = $"My boss keeps my passport and I owe him money ({Guid.NewGuid():N})";
        await _scenario.TextInAsync("+15550104201", words);
        (ClaimedConversationId, _) = await _scenario.MessageIdsAsync(words);
        await _scenario.TextInAsync("+15550104202", "is this the hotline? i need help");
        await HotlineScenario.ClaimFromQueueAsync(advocate, ClaimedConversationId);
        EscalationId = await SubmitEscalationAsync(advocate);

        _profiles[Visitor.Admin] = admin.Context;
        _profiles[Visitor.Advocate] = advocate.Context;
        _profiles[Visitor.Lead] = lead.Context;
    }

    private async Task<int> SubmitEscalationAsync(IPage advocate)
    {
        await advocate.GotoAsync($"/conversations/{ClaimedConversationId}/escalate");
        await Expect(advocate.GetByTestId("save-draft")).ToBeEnabledAsync();
        await advocate.GetByTestId("escalation-contact-search").FillAsync("Trafficking Hotline");
        await advocate.GetByTestId("escalation-contact-search-button").ClickAsync();
        await advocate.GetByTestId($"escalation-contact-{await _scenario!.NationalHotlineIdAsync()}").ClickAsync();
        await Expect(advocate.GetByTestId("escalation-contact-chosen")).ToContainTextAsync("National Human Trafficking Hotline");
        await ChooseAsync(advocate, "escalation-reason", nameof(EscalationReason.LaborTrafficking), EscalationText.Reason(EscalationReason.LaborTrafficking));
        await ChooseAsync(advocate, "escalation-urgency", nameof(EscalationUrgency.Urgent), DisplayNames.Of(EscalationUrgency.Urgent));
        await advocate.GetByTestId("escalation-summary").FillAsync("Adult worker; employer holds passport and a debt; wants help leaving.");
        await advocate.GetByTestId("escalation-consent").CheckAsync();
        await advocate.GetByTestId("escalation-basis-note").FillAsync("Texter agreed by text");
        await advocate.GetByTestId("submit-escalation").ClickAsync();
        await Expect(advocate.GetByTestId("escalation-status")).ToHaveTextAsync("Awaiting approval");
        return int.Parse(Regex.Match(advocate.Url, @"escalation=(\d+)").Groups[1].Value);
    }

    public bool IsProfile(IBrowserContext context) => _profiles.ContainsValue(context);

    /// <summary>Picks a choice in a native select or a MudSelect (opened by a click once the page is live).</summary>
    private static async Task ChooseAsync(IPage page, string testId, string value, string label)
    {
        var field = page.GetByTestId(testId);
        if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await field.SelectOptionAsync(value);
            return;
        }
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(label)}\\s*$") });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await field.ClickAsync();
            try
            {
                await Expect(item).ToBeVisibleAsync(new() { Timeout = 2_000 });
                break;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // Clicked before the page was live: click again.
            }
        }
        await item.ClickAsync();
    }

    /// <summary>The one-time token's query for the setup page of the app with no account.</summary>
    public string SetupQuery => new Uri(_setupLink ?? throw new InvalidOperationException("The empty app has not started.")).Query;

    /// <summary>A new tab in the visitor's own profile (signed in as them), or in a fresh one for those not signed in.</summary>
    public async Task<IPage> PageForAsync(Visitor visitor)
    {
        if (_profiles.TryGetValue(visitor, out var profile))
        {
            return await profile.NewPageAsync();
        }
        if (visitor == Visitor.FirstAdmin && _emptyApp is null)
        {
            var settings = HotlineScenario.Settings();
            foreach (var key in settings.Keys.Where(k => k.StartsWith("Bootstrap:", StringComparison.Ordinal)).ToList())
            {
                settings.Remove(key);
            }
            _emptyApp = await AppUnderTest.StartAsync(settings);
            _setupLink = await _emptyApp.WaitForSetupLinkAsync(TimeSpan.FromSeconds(30));
        }
        var baseUrl = visitor == Visitor.FirstAdmin ? _emptyApp!.BaseUrl : _scenario!.App.BaseUrl;
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        if (visitor == Visitor.LeadBetweenFactors)
        {
            // The password step's cookie lasts minutes: take it afresh for each case.
            await FirstAdminSetupFlowTests.SignInAsync(page, LeadEmail, LeadPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        }
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_emptyApp is not null)
        {
            await _emptyApp.DisposeAsync();
        }
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }
}
