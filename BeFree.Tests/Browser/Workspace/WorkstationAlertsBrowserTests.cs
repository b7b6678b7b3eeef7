using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Workspace;

/// <summary>An advocate on a page other than the queue is alerted to a new text: badges and the tab title.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkstationAlertsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private WorkspaceBrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await WorkspaceBrowserSession.StartAsync(browser);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task A_text_arriving_while_on_another_page_shows_in_the_badges_and_the_title()
    {
        var admin = await _session.SignedInAdminAsync();
        var ana = await _session.SignedInAdvocateAsync(admin, "ana@befree.test", "Ana Advocate");
        await ana.GotoAsync("/directory");
        await Expect(ana.GetByTestId("alerts-badge")).ToHaveAttributeAsync("data-count", "0");
        await Expect(ana.GetByTestId("nav-queue-badge")).ToHaveCountAsync(0);

        await _session.PostInboundTextAsync(WorkspaceBrowserSession.NewPhoneNumber(), "please help me, he locks the door");

        await Expect(ana.GetByTestId("alerts-badge")).ToHaveAttributeAsync("data-count", "1");
        await Expect(ana.GetByTestId("nav-queue-badge")).ToHaveTextAsync(new Regex("^1"));
        await Expect(ana).ToHaveTitleAsync(new Regex(@"^\(1\) "));
        await Expect(ana.GetByTestId("alerts-announcement")).ToHaveTextAsync("A new conversation is waiting in the queue.");
        // Where, never what: the message is nowhere outside the queue's own rows.
        Assert.DoesNotContain("locks the door", await ana.Locator("header").InnerTextAsync());
    }
}
