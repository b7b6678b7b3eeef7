using BeFree.Tests.Browser;
using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Web.Twilio;

/// <summary>
/// The training simulator in a real browser against the app as a process (Development, so
/// Simulated Twilio): the fake phone's text goes over HTTP as a signed webhook, and the automatic
/// acknowledgement appears on the phone live once the simulated Twilio reports it delivered.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SimulatorBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppUnderTest _app = null!;

    public async Task InitializeAsync() => _app = await AppUnderTest.StartAsync(TestAccounts.BootstrapAdminSettings());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_trainer_texts_from_the_fake_phone_and_the_reply_appears_live_in_a_training_conversation()
    {
        var page = await browser.NewPageAsync(_app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(page, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("nav-simulator").ClickAsync();

        await Expect(page.Locator("[data-testid=simulator-phone][data-interactive=true]")).ToBeVisibleAsync();
        var number = "+1555" + Random.Shared.Next(0, 10_000_000).ToString("D7");
        await page.GetByTestId("simulator-number").FillAsync(number);
        await page.GetByTestId("simulator-use-number").ClickAsync();
        await page.GetByTestId("simulator-draft").FillAsync("Is anyone there? 🙏");
        await page.GetByTestId("simulator-send").ClickAsync();

        await Expect(page.GetByTestId("simulator-sent")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Is anyone there\\? 🙏"));
        await Expect(page.GetByTestId("simulator-received")).ToContainTextAsync("You reached BeFree");
        await Expect(page.GetByTestId("simulator-draft")).ToHaveValueAsync("");

        await using var db = new SqliteConnection($"Data Source={_app.DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT c.IsTraining FROM Conversations c JOIN Texters t ON t.Id = c.TexterId WHERE t.PhoneNumber = $number";
        command.Parameters.AddWithValue("$number", number);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
