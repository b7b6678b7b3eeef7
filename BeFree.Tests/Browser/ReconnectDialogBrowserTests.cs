using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser;

/// <summary>
/// The workstation's own reconnect dialog (Layout/ReconnectModal.razor) in a real Chromium: Blazor drives it by its
/// classes when the circuit goes, and its button brings the page back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectDialogBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppUnderTest _app = null!;

    public async Task InitializeAsync() => _app = await AppUnderTest.StartAsync(TestAccounts.BootstrapAdminSettings());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_paused_session_shows_the_dialog_and_Resume_brings_the_page_back()
    {
        var page = await browser.NewPageAsync(_app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(page, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Bootstrap Admin");
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("session-guard")).ToHaveAttributeAsync("data-state", "watching");
        var dialog = page.GetByTestId("reconnect-modal");
        await Expect(dialog).ToBeHiddenAsync();

        // The server pauses the circuit (as it does for a page left in the background): Blazor marks the dialog paused.
        // Blazor refuses a pause (false, nothing changed) while the circuit is still settling after start-up under
        // load, so the pause is asked for until it is taken.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()"))
        {
            Assert.True(DateTime.UtcNow < deadline, "Blazor never paused the circuit.");
            await page.WaitForTimeoutAsync(250);
        }

        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByText("The server paused this page's session.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Rejoining the server…")).ToBeHiddenAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByTestId("session-guard")).ToHaveAttributeAsync("data-state", "watching");
    }
}
