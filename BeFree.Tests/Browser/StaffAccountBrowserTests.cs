using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser;

/// <summary>
/// An installation bootstrapped from configuration: the Admin creates an Advocate, who signs in;
/// the Advocate is refused staff pages; bad passwords lock an account; disabling an Advocate ends
/// their open page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffAccountBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppUnderTest _app = null!;

    public async Task InitializeAsync() => _app = await AppUnderTest.StartAsync(TestAccounts.BootstrapAdminSettings(new Dictionary<string, string>
    {
        // Revalidate open screens often so the test need not wait the full minute.
        ["Security:RevalidationIntervalSeconds"] = "5",
    }));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_creates_an_advocate_who_signs_in_changes_the_temporary_password_and_is_refused_staff_pages()
    {
        var admin = await SignedInAdminAsync();
        var temporaryPassword = await CreateStaffAsync(admin, "casey@befree.test", "Casey Advocate");

        var advocate = await browser.NewPageAsync(_app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(advocate, "casey@befree.test", temporaryPassword);
        await Expect(advocate).ToHaveURLAsync(new Regex("/Account/Manage/ChangePassword"));
        await Expect(advocate.GetByTestId("must-change-password")).ToBeVisibleAsync();
        await advocate.FillAsync("#Input\\.OldPassword", temporaryPassword);
        await advocate.FillAsync("#Input\\.NewPassword", "saffron-kettle-orbit-28");
        await advocate.FillAsync("#Input\\.ConfirmPassword", "saffron-kettle-orbit-28");
        await advocate.ClickAsync("[data-testid=change-password]");
        await Expect(advocate).ToHaveURLAsync(new Regex("/inbox$")); // lands on the workspace once the password is replaced

        // No staff links for an Advocate, and the direct URLs are refused too.
        await advocate.GotoAsync("/");
        await Expect(advocate.GetByTestId("signed-in-user")).ToHaveTextAsync("Casey Advocate");
        await Expect(advocate.GetByTestId("nav-admin-staff")).ToHaveCountAsync(0);
        await Expect(advocate.GetByTestId("nav-admin-audit")).ToHaveCountAsync(0);
        foreach (var path in new[] { "/admin/staff", "/admin/audit" })
        {
            await advocate.GotoAsync(path);
            await Expect(advocate.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
            await Expect(advocate.GetByTestId("create-staff")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Five_bad_passwords_lock_the_account()
    {
        var admin = await SignedInAdminAsync();
        var temporaryPassword = await CreateStaffAsync(admin, "lock@befree.test", "Lock Advocate");

        var page = await browser.NewPageAsync(_app.BaseUrl);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await FirstAdminSetupFlowTests.SignInAsync(page, "lock@befree.test", $"not-the-password-{attempt}");
        }
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Invalid email or password");

        // Even the right password is refused now, with the same answer as a wrong one (nothing says "this account exists").
        await FirstAdminSetupFlowTests.SignInAsync(page, "lock@befree.test", temporaryPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Invalid email or password");
        await Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Disabling_an_advocate_ends_their_open_page_within_a_minute()
    {
        var admin = await SignedInAdminAsync();
        var temporaryPassword = await CreateStaffAsync(admin, "dana@befree.test", "Dana Advocate");

        var advocate = await browser.NewPageAsync(_app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(advocate, "dana@befree.test", temporaryPassword);
        await advocate.FillAsync("#Input\\.OldPassword", temporaryPassword);
        await advocate.FillAsync("#Input\\.NewPassword", "harbor-pebble-violet-62");
        await advocate.FillAsync("#Input\\.ConfirmPassword", "harbor-pebble-violet-62");
        await advocate.ClickAsync("[data-testid=change-password]");
        // The new password is saved only once the form's answer arrives: leaving before it would keep the temporary one.
        await Expect(advocate).ToHaveURLAsync(new Regex("/inbox$"));
        await advocate.GotoAsync("/");
        await Expect(advocate.GetByTestId("session-guard")).ToHaveAttributeAsync("data-state", "watching");

        await admin.GotoAsync("/admin/staff");
        await Expect(admin.GetByTestId("disable-dana@befree.test")).ToBeEnabledAsync();
        await admin.GetByTestId("disable-dana@befree.test").ClickAsync();
        await ConfirmIfAskedAsync(admin);
        await Expect(admin.GetByTestId("enable-dana@befree.test")).ToBeVisibleAsync();

        // Nobody touches the advocate's page: the server ends it.
        await Expect(advocate).ToHaveURLAsync(new Regex("/Account/Login"), new() { Timeout = 60_000 });
        await Expect(advocate.Locator("[data-testid=status-message][data-status=error]")).ToContainTextAsync("session has ended");
        await advocate.GotoAsync("/");
        await Expect(advocate).ToHaveURLAsync(new Regex("/Account/Login"));
    }

    private async Task<IPage> SignedInAdminAsync()
    {
        var admin = await browser.NewPageAsync(_app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(admin, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(admin.GetByTestId("signed-in-user")).ToHaveTextAsync("Bootstrap Admin");
        return admin;
    }

    /// <summary>Creates an Advocate through the Admin's staff page and returns the temporary password it shows once.</summary>
    private static async Task<string> CreateStaffAsync(IPage admin, string email, string name)
    {
        await admin.GotoAsync("/admin/staff");
        // The button is enabled once the page is interactive; typing before that would be lost.
        await Expect(admin.GetByTestId("create-staff")).ToBeEnabledAsync();
        await admin.GetByTestId("new-staff-email").FillAsync(email);
        await admin.GetByTestId("new-staff-name").FillAsync(name);
        await admin.GetByTestId("new-staff-role-Advocate").CheckAsync();
        await admin.GetByTestId("create-staff").ClickAsync();
        var password = await admin.GetByTestId("temporary-password").InnerTextAsync();
        Assert.Matches("^[a-z0-9]{5}(-[a-z0-9]{5}){3}$", password.Trim());
        return password.Trim();
    }

    private static async Task ConfirmIfAskedAsync(IPage page)
    {
        var confirm = page.GetByTestId("confirm-action");
        try
        {
            await confirm.ClickAsync(new() { Timeout = 3_000 });
        }
        catch (TimeoutException)
        {
            // No confirmation step on this action.
        }
    }
}
