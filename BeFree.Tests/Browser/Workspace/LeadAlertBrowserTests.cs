using System.Net;
using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Workspace;

/// <summary>A shift lead's open page shows an advocate's Imminent risk as it happens, with a link to the conversation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeadAlertBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private WorkspaceBrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await WorkspaceBrowserSession.StartAsync(browser);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Imminent_risk_set_by_an_advocate_appears_live_on_the_shift_leads_page()
    {
        var admin = await _session.SignedInAdminAsync();
        var lead = await _session.SignedInStaffAsync(admin, "lena@befree.test", "Lena Lead", "ShiftLead");
        var advocate = await _session.SignedInAdvocateAsync(admin, "dev@befree.test", "Dev Advocate");
        await lead.GotoAsync("/");
        await Expect(lead.GetByTestId("session-guard")).ToHaveAttributeAsync("data-state", "watching");
        await Expect(lead.GetByTestId("lead-alert")).ToHaveCountAsync(0);
        await WorkspaceBrowserSession.OpenQueueAsync(advocate);
        // An advocate sees no lead alerts.
        await Expect(advocate.GetByTestId("lead-alerts")).ToHaveCountAsync(0);

        var response = await _session.PostInboundTextAsync(WorkspaceBrowserSession.NewPhoneNumber(), "can you help me get home");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = advocate.Locator("[data-testid^=queue-row-]", new() { HasText = "can you help me get home" });
        await Expect(row).ToBeVisibleAsync();
        var conversationId = int.Parse((await row.GetAttributeAsync("data-testid"))!["queue-row-".Length..]);
        await advocate.GetByTestId($"claim-{conversationId}").ClickAsync();
        await Expect(advocate).ToHaveURLAsync(new Regex($"/conversations/{conversationId}$"));

        await WorkspaceBrowserSession.FillUntilEnabledAsync(advocate.GetByTestId("risk-reason"), "The trafficker is on his way back now", advocate.GetByTestId("risk-set"));
        await HotlineScenario.ChooseAsync(advocate, "risk-select", "Imminent");
        await advocate.GetByTestId("risk-set").ClickAsync();
        await Expect(advocate.GetByTestId("risk-level")).ToHaveTextAsync("Imminent");

        var alert = lead.GetByTestId("lead-alert");
        await Expect(alert).ToContainTextAsync("Imminent risk");
        await Expect(lead.GetByTestId($"lead-alert-link-{conversationId}")).ToHaveAttributeAsync("href", $"/conversations/{conversationId}");
        // Alerts carry no texts.
        await Expect(alert).Not.ToContainTextAsync("can you help me get home");
    }
}
