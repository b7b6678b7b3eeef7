using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using BeFree.Web.Components.Account.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser;

/// <summary>A fresh installation: the setup link, the first Admin, forced 2FA enrolment, then a 2FA sign-in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstAdminSetupFlowTests(BrowserFixture browser)
{
    private const string Email = "first.admin@befree.test";
    private const string Password = "amber-willow-ferry-93";

    [Fact]
    public async Task Setup_link_creates_the_first_admin_who_must_enrol_2fa_and_then_signs_in_with_a_code()
    {
        await using var app = await AppUnderTest.StartAsync();
        var setupLink = await app.WaitForSetupLinkAsync(TimeSpan.FromSeconds(30));
        var page = await browser.NewPageAsync(app.BaseUrl);

        // A wrong token is refused.
        await page.GotoAsync("/setup?token=not-the-token");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Setup link not valid" })).ToBeVisibleAsync();

        // The logged link opens the form; a common password is refused with a clear message.
        await page.GotoAsync(setupLink);
        await page.FillAsync("#Input\\.DisplayName", "Riley Admin");
        await page.FillAsync("#Input\\.Email", Email);
        await page.FillAsync("#Input\\.Password", "password1234");
        await page.FillAsync("#Input\\.ConfirmPassword", "password1234");
        await page.ClickAsync("[data-testid=create-first-admin]");
        await Expect(page.Locator("[data-testid=status-message][data-status=error]")).ToContainTextAsync("too common");

        await page.FillAsync("#Input\\.Password", Password);
        await page.FillAsync("#Input\\.ConfirmPassword", Password);
        await page.ClickAsync("[data-testid=create-first-admin]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));

        // Once an account exists the setup page is gone, even with the right token.
        var gone = await page.GotoAsync(setupLink);
        Assert.Equal(404, gone!.Status);

        // First sign-in: the Admin can reach only the enrolment page.
        await SignInAsync(page, Email, Password);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Manage/EnableAuthenticator"));
        await Expect(page.GetByTestId("must-enrol")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/staff");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Manage/EnableAuthenticator"));

        var sharedKey = await page.GetByTestId("shared-key").InnerTextAsync();
        await page.FillAsync("#Input\\.Code", "000000");
        await page.ClickAsync("[data-testid=verify-authenticator]");
        await Expect(page.Locator("[data-testid=status-message][data-status=error]")).ToContainTextAsync("not valid");
        await page.FillAsync("#Input\\.Code", Totp.Code(sharedKey));
        await page.ClickAsync("[data-testid=verify-authenticator]");
        await Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
        Assert.Equal(10, await page.Locator(".recovery-code").CountAsync());
        var codes = (await page.Locator(".recovery-code").AllInnerTextsAsync()).Select(code => code.Trim()).ToList();

        // The codes can be taken away: copied (one a line) and downloaded as a text file.
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GetByTestId("copy-recovery-codes").ClickAsync();
        await Expect(page.GetByTestId("copy-status")).ToHaveTextAsync("Copied.");
        Assert.Equal(codes, (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Split('\n'));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-recovery-codes").ClickAsync());
        Assert.Equal(ShowRecoveryCodes.DownloadFileName, download.SuggestedFilename);
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(codes, file.Split("\r\n").Where(line => codes.Contains(line)).ToList());

        // Enrolled: the staff pages open now.
        await page.GotoAsync("/admin/audit");
        await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("2fa.enabled");

        // Sign out, then sign in again: the second factor is asked for.
        await page.GotoAsync("/");
        await page.ClickAsync("[data-testid=sign-out]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await SignInAsync(page, Email, Password);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/LoginWith2fa"));
        await page.FillAsync("#Input\\.TwoFactorCode", Totp.Code(sharedKey));
        await page.ClickAsync("[data-testid=verify-2fa]");
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Riley Admin");
    }

    internal static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("[data-testid=sign-in]");
    }
}
