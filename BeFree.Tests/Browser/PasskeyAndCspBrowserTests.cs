using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser;

/// <summary>
/// Passkeys in a real Chromium with a CDP virtual authenticator (on localhost: WebAuthn needs a
/// domain, not an IP address), and the Content-Security-Policy as the browser enforces it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyAndCspBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppUnderTest _app = null!;

    private string BaseUrl => _app.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    public async Task InitializeAsync() => _app = await AppUnderTest.StartAsync(TestAccounts.BootstrapAdminSettings());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_shift_lead_enrols_with_a_passkey_instead_of_an_app_and_signs_in_with_it()
    {
        var admin = await SignedInAsync(TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        var temporaryPassword = await CreateLeadAsync(admin, "riley@befree.test", "Riley Lead");

        var lead = await browser.NewPageAsync(BaseUrl);
        await AddVirtualAuthenticatorAsync(lead);
        await FirstAdminSetupFlowTests.SignInAsync(lead, "riley@befree.test", temporaryPassword);
        await lead.FillAsync("#Input\\.OldPassword", temporaryPassword);
        await lead.FillAsync("#Input\\.NewPassword", "lantern-orchard-pebble-35");
        await lead.FillAsync("#Input\\.ConfirmPassword", "lantern-orchard-pebble-35");
        await lead.ClickAsync("[data-testid=change-password]");

        // The enrolment gate: an authenticator app or a passkey.
        await lead.GotoAsync("/board");
        await Expect(lead).ToHaveURLAsync(new Regex("/Account/Manage/EnableAuthenticator"));
        await lead.GetByTestId("enrol-with-passkey").ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex("/Account/Manage/Passkeys"));
        await Expect(lead.GetByTestId("must-enrol")).ToBeVisibleAsync();
        await lead.GetByTestId("add-passkey").ClickAsync();

        await Expect(lead.Locator("[data-testid=status-message][data-status=success]")).ToContainTextAsync("Passkey added");
        await Expect(lead.GetByTestId("passkey-row")).ToHaveCountAsync(1);
        await Expect(lead.GetByTestId("must-enrol")).ToHaveCountAsync(0);
        await lead.GetByTestId("passkey-name").FillAsync("Test laptop");
        await lead.GetByTestId("rename-passkey").ClickAsync();
        await Expect(lead.Locator("[data-testid=status-message][data-status=success]")).ToContainTextAsync("Passkey renamed");
        await Expect(lead.GetByTestId("passkey-name")).ToHaveValueAsync("Test laptop");

        // The only second factor of a lead cannot be removed.
        await lead.GetByTestId("remove-passkey").ClickAsync();
        await Expect(lead.Locator("[data-testid=status-message][data-status=error]")).ToContainTextAsync("add another passkey or set up an authenticator app");
        await Expect(lead.GetByTestId("passkey-row")).ToHaveCountAsync(1);

        // Past the gate now.
        await lead.GotoAsync("/board");
        await Expect(lead).ToHaveURLAsync(new Regex("/board$"));

        // Sign out, then in with the passkey alone: no email, no password.
        await lead.GetByTestId("sign-out").ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex("/Account/Login"));
        await lead.GetByTestId("passkey-sign-in").ClickAsync();
        await Expect(lead.GetByTestId("signed-in-user")).ToHaveTextAsync("Riley Lead");
    }

    [Fact]
    public async Task The_main_pages_run_without_any_content_security_policy_violation()
    {
        var admin = await browser.NewPageAsync(BaseUrl);
        var refusals = new List<string>();
        admin.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refusals.Add(message.Text);
            }
        };
        // Runs before any page script, in every document: records what the policy blocks.
        await admin.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
            """);
        await FirstAdminSetupFlowTests.SignInAsync(admin, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(admin.GetByTestId("signed-in-user")).ToHaveTextAsync("Bootstrap Admin");

        var violations = new List<string>();
        foreach (var path in new[]
        {
            "/", "/inbox", "/queue", "/conversations", "/board", "/escalations", "/reports", "/directory", "/canned-responses",
            "/simulator", "/admin/staff", "/admin/audit", "/admin/retention", "/Account/Manage", "/Account/Manage/Passkeys",
            "/Account/Manage/TwoFactorAuthentication", "/Account/Manage/EnableAuthenticator",
        })
        {
            await admin.GotoAsync(path);
            // The circuit is up: Blazor's script ran and its WebSocket connected.
            await Expect(admin.GetByTestId("session-guard")).ToHaveAttributeAsync("data-state", "watching");
            var seen = await admin.EvaluateAsync<string[]>("window.__cspViolations");
            violations.AddRange(seen.Select(v => $"{path}: {v}"));
        }

        Assert.Empty(violations);
        Assert.Empty(refusals);
    }

    private async Task<IPage> SignedInAsync(string email, string password)
    {
        var page = await browser.NewPageAsync(BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(page, email, password);
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A platform authenticator that says yes by itself, as a fingerprint reader would.</summary>
    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }

    private static async Task<string> CreateLeadAsync(IPage admin, string email, string name)
    {
        await admin.GotoAsync("/admin/staff");
        await Expect(admin.GetByTestId("create-staff")).ToBeEnabledAsync();
        await admin.GetByTestId("new-staff-email").FillAsync(email);
        await admin.GetByTestId("new-staff-name").FillAsync(name);
        await admin.GetByTestId("new-staff-role-ShiftLead").CheckAsync();
        await admin.GetByTestId("create-staff").ClickAsync();
        return (await admin.GetByTestId("temporary-password").InnerTextAsync()).Trim();
    }
}
