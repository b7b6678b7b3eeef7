using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using BeFree.Core;
using BeFree.Core.Escalations;
using BeFree.Web.Components.Pages.Escalations;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Escalations;

/// <summary>
/// A texter writes in; an Advocate claims the conversation, drafts an escalation with an excerpt and
/// submits it; a Shift lead (2FA-enrolled) sees it arrive live and approves it; the Advocate records
/// it as sent and opens the printable packet.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EscalationBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private HotlineScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await HotlineScenario.StartAsync(browser);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task An_advocate_drafts_an_escalation_and_a_shift_lead_approves_it()
    {
        var admin = await _scenario.SignedInAdminAsync();
        var advocate = await _scenario.SignedInStaffAsync(admin, "casey@befree.test", "Casey Advocate", "Advocate");
        var lead = await _scenario.SignedInStaffAsync(admin, "lee@befree.test", "Lee Lead", "ShiftLead");

        var words = $"They took my passport and I cannot leave the farm ({Guid.NewGuid():N})";
        await _scenario.TextInAsync("+15550104242", words);
        var (conversationId, messageId) = await _scenario.MessageIdsAsync(words);
        var hotlineId = await _scenario.NationalHotlineIdAsync();

        await HotlineScenario.ClaimFromQueueAsync(advocate, conversationId);

        // The lead's list is open before anything is submitted: the escalation must arrive by itself.
        await lead.GotoAsync("/escalations");
        await Expect(lead.GetByTestId("awaiting-approval-empty")).ToBeVisibleAsync();

        await advocate.GotoAsync($"/conversations/{conversationId}/escalate");
        await Expect(advocate.GetByTestId("save-draft")).ToBeEnabledAsync();
        await Expect(advocate.GetByTestId("send-now")).ToHaveCountAsync(0);
        await advocate.GetByTestId("escalation-contact-search").FillAsync("Trafficking Hotline");
        await advocate.GetByTestId("escalation-contact-search-button").ClickAsync();
        await advocate.GetByTestId($"escalation-contact-{hotlineId}").ClickAsync();
        await Expect(advocate.GetByTestId("escalation-contact-chosen")).ToContainTextAsync("National Human Trafficking Hotline");
        await HotlineScenario.ChooseAsync(advocate, "escalation-reason", EscalationText.Reason(EscalationReason.LaborTrafficking));
        await HotlineScenario.ChooseAsync(advocate, "escalation-urgency", DisplayNames.Of(EscalationUrgency.Urgent));
        await advocate.GetByTestId("escalation-excerpt-" + messageId).CheckAsync();

        // Submitting without a summary or basis is refused with Core's reason, and nothing chosen is lost.
        await advocate.GetByTestId("submit-escalation").ClickAsync();
        await Expect(advocate.GetByTestId("escalation-error")).ToContainTextAsync("a summary");
        await Expect(advocate.GetByTestId("escalation-notice")).ToContainTextAsync("Draft saved");
        await Expect(advocate).ToHaveURLAsync(new Regex(@"\?escalation=\d+"));
        var escalationId = int.Parse(Regex.Match(advocate.Url, @"escalation=(\d+)").Groups[1].Value);
        await Expect(advocate.GetByTestId("escalation-excerpt-" + messageId)).ToBeCheckedAsync();
        await Expect(advocate.GetByTestId("escalation-status")).ToHaveTextAsync("Draft");

        await advocate.GetByTestId("escalation-summary").FillAsync("Adult farm worker; employer holds passport; wants help leaving.");
        await advocate.GetByTestId("escalation-consent").CheckAsync();
        await advocate.GetByTestId("escalation-basis-note").FillAsync("Texter agreed by text at 14:02");
        await advocate.GetByTestId("submit-escalation").ClickAsync();
        await Expect(advocate.GetByTestId("escalation-status")).ToHaveTextAsync("Awaiting approval");
        await Expect(advocate.GetByTestId("escalation-readonly")).ToBeVisibleAsync();
        await Expect(advocate.GetByTestId("escalation-timeline")).ToContainTextAsync("Submitted for approval");

        // The lead's open page shows it without a reload, and approves it.
        await Expect(lead.GetByTestId($"escalation-row-{escalationId}")).ToContainTextAsync("National Human Trafficking Hotline");
        await lead.GetByTestId($"approve-{escalationId}").ClickAsync();
        await Expect(lead.GetByTestId("escalation-notice")).ToContainTextAsync("approved");
        await Expect(lead.GetByTestId($"escalation-row-{escalationId}")).ToHaveCountAsync(0);

        // The advocate's open page follows without a reload.
        await Expect(advocate.GetByTestId("escalation-status")).ToHaveTextAsync("Approved");
        await Expect(advocate.GetByTestId("escalation-timeline")).ToContainTextAsync("Approved by Lee Lead");

        await advocate.GotoAsync($"/escalations/{escalationId}");
        await Expect(advocate.GetByTestId("escalation-status")).ToHaveTextAsync("Approved");
        await Expect(advocate.GetByTestId("escalation-approved-by")).ToContainTextAsync("Lee Lead");
        await Expect(advocate.GetByTestId("mark-sent")).ToBeEnabledAsync();
        await advocate.GetByTestId("sent-note").FillAsync("Phoned the hotline");
        await advocate.GetByTestId("mark-sent").ClickAsync();
        await Expect(advocate.GetByTestId("escalation-status")).ToHaveTextAsync("Sent");
        await Expect(advocate.GetByTestId("escalation-timeline")).ToContainTextAsync("Approved by Lee Lead");

        await advocate.GotoAsync($"/escalations/{escalationId}/packet");
        await Expect(advocate.GetByTestId("packet-summary")).ToContainTextAsync("employer holds passport");
        await Expect(advocate.GetByTestId($"packet-message-{messageId}")).ToContainTextAsync("They took my passport");
        await Expect(advocate.GetByTestId("print-packet")).ToBeEnabledAsync();
        await Expect(advocate.Locator(".befree-nav")).ToHaveCountAsync(0);
        await advocate.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(advocate.GetByTestId("back-to-escalation")).ToBeHiddenAsync();
        await Expect(advocate.GetByTestId("escalation-packet")).ToBeVisibleAsync();
    }
}
