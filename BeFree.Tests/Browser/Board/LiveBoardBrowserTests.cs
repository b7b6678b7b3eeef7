using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using BeFree.Core;
using BeFree.Core.Escalations;
using BeFree.Web.Components.Pages.Escalations;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Board;

/// <summary>
/// A shift lead keeps the live board open while the floor works: it changes by itself when a text
/// arrives, when an advocate claims, and when an escalation waits; the lead approves it and takes a
/// conversation over from the board.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveBoardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private HotlineScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await HotlineScenario.StartAsync(browser);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task The_board_follows_the_floor_live_and_the_lead_approves_and_takes_over_from_it()
    {
        var admin = await _scenario.SignedInAdminAsync();
        var advocate = await _scenario.SignedInStaffAsync(admin, "ana@befree.test", "Ana Advocate", "Advocate");
        var lead = await _scenario.SignedInStaffAsync(admin, "lee@befree.test", "Lee Lead", "ShiftLead");

        await lead.GotoAsync("/board");
        await Expect(lead.GetByTestId("board-waiting")).ToHaveTextAsync("0");
        // Night shifts use the dark palette: the tiles follow it rather than staying white (#1a232d is its surface).
        await lead.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Expect(lead.Locator(".befree-stat").First).ToHaveCSSAsync("background-color", "rgb(26, 35, 45)");
        await lead.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Expect(lead.Locator(".befree-stat").First).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");

        // A text arrives: the open board shows it waiting, without a reload.
        var words = $"my boss keeps my ID and I owe him money ({Guid.NewGuid():N})";
        await _scenario.TextInAsync("+15550107777", words);
        var (conversationId, _) = await _scenario.MessageIdsAsync(words);
        await Expect(lead.GetByTestId("board-waiting")).ToHaveTextAsync("1");
        await Expect(lead.GetByTestId($"board-waiting-{conversationId}")).ToBeVisibleAsync();

        // The advocate claims it: it leaves the waiting list and shows under her name with her load.
        await HotlineScenario.ClaimFromQueueAsync(advocate, conversationId);
        await Expect(lead.GetByTestId("board-waiting")).ToHaveTextAsync("0");
        await Expect(lead.GetByTestId("board-advocate-Ana Advocate")).ToBeVisibleAsync();
        await Expect(lead.GetByTestId("board-presence-Ana Advocate")).ToHaveTextAsync("Online");
        await Expect(lead.GetByTestId("board-load-Ana Advocate")).ToHaveTextAsync("1 / 3");
        await Expect(lead.GetByTestId($"board-conversation-{conversationId}")).ToBeVisibleAsync();

        // She takes a break: the board shows her away.
        await advocate.GetByTestId("away-toggle").ClickAsync();
        await Expect(lead.GetByTestId("board-presence-Ana Advocate")).ToHaveTextAsync("Away");
        await advocate.GetByTestId("away-toggle").ClickAsync();
        await Expect(lead.GetByTestId("board-presence-Ana Advocate")).ToHaveTextAsync("Online");

        // She submits an escalation: it appears on the board, and the lead approves it there.
        var escalationId = await SubmitEscalationAsync(advocate, conversationId);
        await Expect(lead.GetByTestId("board-awaiting-approval")).ToHaveTextAsync("1");
        await lead.GetByTestId($"board-approve-{escalationId}").ClickAsync();
        await Expect(lead.GetByTestId("board-notice")).ToContainTextAsync("approved");
        await Expect(lead.GetByTestId($"board-approval-{escalationId}")).ToHaveCountAsync(0);

        // Nobody else could take her conversation (the lead is no advocate): the board says so before anyone picks.
        await lead.GetByTestId($"reassign-{conversationId}").ClickAsync();
        await Expect(lead.GetByTestId("reassign-targets-explained")).ToHaveTextAsync("No other active advocate exists to take it. An admin can add or enable one.");
        await Expect(lead.GetByTestId("board-action-submit")).ToBeDisabledAsync();
        await lead.GetByTestId("board-action-cancel").ClickAsync();
        await Expect(lead.GetByTestId("board-action-panel")).ToHaveCountAsync(0);

        // A private note reaches only the advocate, live.
        await lead.GetByTestId($"note-{conversationId}").ClickAsync();
        await lead.GetByTestId("board-action-text").FillAsync("Ask whether she is safe to text right now.");
        await lead.GetByTestId("board-action-submit").ClickAsync();
        await Expect(advocate.GetByTestId("staff-notices")).ToContainTextAsync("Ask whether she is safe to text right now.");

        // The lead takes the conversation over from the board, with a reason, and lands in it.
        await lead.GetByTestId($"take-over-{conversationId}").ClickAsync();
        await lead.GetByTestId("board-action-text").FillAsync("Texter asked for a supervisor");
        await lead.GetByTestId("board-action-submit").ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex($"/conversations/{conversationId}$"));
        await lead.GotoAsync("/board");
        await Expect(lead.GetByTestId("board-load-Lee Lead")).ToHaveTextAsync("1 / 3");
        await Expect(lead.GetByTestId("board-load-Ana Advocate")).ToHaveTextAsync("0 / 3");

        // Her screen dies without saying goodbye (a crash, a dropped network): with nothing assigned
        // she leaves the board at once, not when the server stops waiting for her page to reconnect
        // (three minutes by default; the wait below allows a busy machine far less than that).
        var devTools = await advocate.Context.NewCDPSessionAsync(advocate);
        _ = devTools.SendAsync("Page.crash");
        await Expect(lead.GetByTestId("board-advocate-Ana Advocate")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    private async Task<int> SubmitEscalationAsync(IPage advocate, int conversationId)
    {
        await advocate.GotoAsync($"/conversations/{conversationId}/escalate");
        await Expect(advocate.GetByTestId("save-draft")).ToBeEnabledAsync();
        await advocate.GetByTestId("escalation-contact-search").FillAsync("Trafficking Hotline");
        await advocate.GetByTestId("escalation-contact-search-button").ClickAsync();
        await advocate.GetByTestId($"escalation-contact-{await _scenario.NationalHotlineIdAsync()}").ClickAsync();
        await Expect(advocate.GetByTestId("escalation-contact-chosen")).ToContainTextAsync("National Human Trafficking Hotline");
        await HotlineScenario.ChooseAsync(advocate, "escalation-reason", EscalationText.Reason(EscalationReason.LaborTrafficking));
        await HotlineScenario.ChooseAsync(advocate, "escalation-urgency", DisplayNames.Of(EscalationUrgency.Urgent));
        await advocate.GetByTestId("escalation-summary").FillAsync("Adult worker; employer holds ID and a debt; wants help.");
        await advocate.GetByTestId("escalation-consent").CheckAsync();
        await advocate.GetByTestId("escalation-basis-note").FillAsync("Texter agreed by text");
        await advocate.GetByTestId("submit-escalation").ClickAsync();
        await Expect(advocate.GetByTestId("escalation-status")).ToHaveTextAsync("Awaiting approval");
        return int.Parse(Regex.Match(advocate.Url, @"escalation=(\d+)").Groups[1].Value);
    }
}
