using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Escalations;

/// <summary>An Admin keeps the law-enforcement directory and the canned responses; refusals keep what was typed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DirectoryAndCannedResponsesBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppUnderTest _app = null!;

    public async Task InitializeAsync() => _app = await AppUnderTest.StartAsync(TestAccounts.BootstrapAdminSettings());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_admin_adds_searches_and_deactivates_a_directory_entry()
    {
        var admin = await SignedInAdminAsync();
        await admin.GotoAsync("/directory");
        await Expect(admin.GetByTestId("new-contact")).ToBeEnabledAsync();
        await admin.GetByTestId("new-contact").ClickAsync();
        await admin.GetByTestId("contact-agency").FillAsync("Fresno County Sheriff");
        await admin.GetByTestId("contact-state").FillAsync("ca");
        await admin.GetByTestId("contact-county").FillAsync("Fresno County");
        await admin.GetByTestId("contact-save").ClickAsync();
        // No way to reach the agency yet: refused, and the fields keep what was typed.
        await Expect(admin.GetByTestId("contact-error")).ToContainTextAsync("at least one way to reach the agency");
        await Expect(admin.GetByTestId("contact-agency")).ToHaveValueAsync("Fresno County Sheriff");

        await admin.GetByTestId("contact-247").FillAsync("+1 559 555 0100");
        await admin.GetByTestId("contact-save").ClickAsync();
        await Expect(admin.GetByTestId("directory-notice")).ToContainTextAsync("Saved Fresno County Sheriff");
        await Expect(admin.GetByTestId("contact-editor")).ToHaveCountAsync(0);

        await admin.GetByTestId("directory-state").FillAsync("CA");
        await admin.GetByTestId("directory-county").FillAsync("fresno");
        await admin.GetByTestId("directory-search").ClickAsync();
        var row = admin.Locator("tr[data-testid^=directory-row-]", new() { HasText = "Fresno County Sheriff" });
        await Expect(row).ToContainTextAsync("Fresno County, CA");
        var id = (await row.GetAttributeAsync("data-testid"))!.Replace("directory-row-", "");

        await admin.GetByTestId($"directory-toggle-{id}").ClickAsync();
        await Expect(admin.GetByTestId("directory-notice")).ToContainTextAsync("inactive");
        await Expect(admin.GetByTestId($"directory-row-{id}")).ToHaveCountAsync(0);
        await admin.GetByTestId("directory-inactive").CheckAsync();
        await admin.GetByTestId("directory-search").ClickAsync();
        await Expect(admin.GetByTestId($"directory-inactive-{id}")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_admin_creates_a_canned_response_once_even_on_a_double_click_and_deactivates_it()
    {
        var admin = await SignedInAdminAsync();
        await admin.GotoAsync("/canned-responses");
        await Expect(admin.GetByTestId("new-canned")).ToBeEnabledAsync();
        await admin.GetByTestId("new-canned").ClickAsync();
        await admin.GetByTestId("canned-title").FillAsync("Safe to talk?");
        await admin.GetByTestId("canned-body").FillAsync("Is now a good time to text? Reply STOP at any time.");
        await Expect(admin.GetByTestId("canned-segments")).ToContainTextAsync("1 SMS segment");
        await admin.GetByTestId("canned-save").DblClickAsync();
        await Expect(admin.GetByTestId("canned-notice")).ToContainTextAsync("Saved 'Safe to talk?'");
        var rows = admin.Locator("tr[data-testid^=canned-row-]", new() { HasText = "Safe to talk?" });
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("canned-error")).ToHaveCountAsync(0);

        var id = (await rows.GetAttributeAsync("data-testid"))!.Replace("canned-row-", "");
        await admin.GetByTestId($"canned-toggle-{id}").ClickAsync();
        await Expect(admin.GetByTestId($"canned-status-{id}")).ToHaveTextAsync("Inactive");

        // A second response with the same title is refused with Core's message.
        await admin.GetByTestId("new-canned").ClickAsync();
        await admin.GetByTestId("canned-title").FillAsync("Safe to talk?");
        await admin.GetByTestId("canned-body").FillAsync("Another text");
        await admin.GetByTestId("canned-save").ClickAsync();
        await Expect(admin.GetByTestId("canned-editor-error")).ToContainTextAsync("already exists");
        await Expect(admin.GetByTestId("canned-body")).ToHaveValueAsync("Another text");
    }

    private async Task<IPage> SignedInAdminAsync()
    {
        var admin = await browser.NewPageAsync(_app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(admin, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(admin.GetByTestId("signed-in-user")).ToHaveTextAsync("Bootstrap Admin");
        return admin;
    }
}
