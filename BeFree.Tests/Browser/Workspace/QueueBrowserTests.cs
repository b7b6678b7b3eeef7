using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Workspace;

/// <summary>Advocates watching the queue: a new text reaches them at once, a simultaneous claim goes to exactly one, and the claimed row leaves every queue as fast.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QueueBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private WorkspaceBrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await WorkspaceBrowserSession.StartAsync(browser);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    /// <summary>Records Date.now() when a queue row with the given text is first in the page.</summary>
    private const string WatchForRowScript = """
        (words) => {
            window.befreeRowArrivedAt = 0;
            const seen = () => [...document.querySelectorAll('[data-testid^=queue-row-]')].some(r => r.textContent.includes(words));
            const observer = new MutationObserver(() => {
                if (!window.befreeRowArrivedAt && seen()) { window.befreeRowArrivedAt = Date.now(); observer.disconnect(); }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    /// <summary>Records Date.now() when the queue row with the given test id has left the page.</summary>
    private const string WatchForRowGoneScript = """
        (testId) => {
            window.befreeRowGoneAt = 0;
            const gone = () => !document.querySelector(`[data-testid="${testId}"]`);
            const observer = new MutationObserver(() => {
                if (!window.befreeRowGoneAt && gone()) { window.befreeRowGoneAt = Date.now(); observer.disconnect(); }
            });
            observer.observe(document.body, { childList: true, subtree: true });
        }
        """;

    [Fact]
    public async Task A_new_text_appears_on_both_queues_within_a_second_and_a_simultaneous_claim_goes_to_exactly_one()
    {
        var admin = await _session.SignedInAdminAsync();
        var ana = await _session.SignedInAdvocateAsync(admin, "ana@befree.test", "Ana Advocate");
        var ben = await _session.SignedInAdvocateAsync(admin, "ben@befree.test", "Ben Advocate");
        // A third advocate only watches: the claimed conversation must leave her queue as fast.
        var cora = await _session.SignedInAdvocateAsync(admin, "cora@befree.test", "Cora Advocate");
        await WorkspaceBrowserSession.OpenQueueAsync(cora);
        await WorkspaceBrowserSession.OpenQueueAsync(ana);
        await WorkspaceBrowserSession.OpenQueueAsync(ben);
        await Expect(ana.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await Expect(ben.GetByTestId("queue-empty")).ToBeVisibleAsync();

        // Each page notes, by its own clock, the moment the row appears (no polling granularity).
        const string words = "I need help, they took my passport";
        foreach (var page in new[] { ana, ben })
        {
            await page.EvaluateAsync(WatchForRowScript, words);
        }
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var response = await _session.PostInboundTextAsync(WorkspaceBrowserSession.NewPhoneNumber(), words);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var anaRow = ana.Locator("[data-testid^=queue-row-]", new() { HasText = "they took my passport" });
        var benRow = ben.Locator("[data-testid^=queue-row-]", new() { HasText = "they took my passport" });
        await Task.WhenAll(Expect(anaRow).ToBeVisibleAsync(), Expect(benRow).ToBeVisibleAsync());
        var arrivedAt = Math.Max(await ana.EvaluateAsync<long>("window.befreeRowArrivedAt"), await ben.EvaluateAsync<long>("window.befreeRowArrivedAt"));
        var elapsed = arrivedAt - sentAt;
        output.WriteLine($"The new text was on both queues {elapsed} ms after the webhook was posted.");
        Assert.True(elapsed <= 1000, $"The new text took {elapsed} ms from the webhook to show on both queues.");

        var rowId = await anaRow.GetAttributeAsync("data-testid");
        var conversationId = int.Parse(rowId!["queue-row-".Length..]);
        await Expect(ana.GetByTestId("queue-count")).ToHaveTextAsync("1 waiting");
        await Expect(ana).ToHaveTitleAsync("(1) Queue · BeFree");
        await Expect(ana.GetByTestId($"waiting-{conversationId}")).ToHaveTextAsync(new Regex(@"^\d+ s$"));

        await Expect(cora.GetByTestId(rowId)).ToBeVisibleAsync();
        await cora.EvaluateAsync(WatchForRowGoneScript, rowId);
        var claimedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Task.WhenAll(
            ana.GetByTestId($"claim-{conversationId}").ClickAsync(),
            ben.GetByTestId($"claim-{conversationId}").ClickAsync());

        var conversationUrl = new Regex($"/conversations/{conversationId}$");
        var (winner, loser, winnerName) = await WhoWonAsync(ana, ben, conversationUrl);
        await Expect(winner.GetByTestId("thread")).ToContainTextAsync("they took my passport");
        await Expect(loser.GetByTestId("claim-result")).ToHaveTextAsync($"Claimed by {winnerName}.");
        Assert.DoesNotMatch(conversationUrl, loser.Url);
        // The claimed conversation has left the loser's queue.
        await Expect(loser.GetByTestId($"queue-row-{conversationId}")).ToHaveCountAsync(0);
        await Expect(loser.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await Expect(cora.GetByTestId(rowId)).ToHaveCountAsync(0);
        var claimElapsed = await cora.EvaluateAsync<long>("window.befreeRowGoneAt") - claimedAt;
        output.WriteLine($"The claimed conversation left the watching advocate's queue {claimElapsed} ms after the clicks.");
        Assert.True(claimElapsed <= 1000, $"The claimed conversation took {claimElapsed} ms to leave the watching advocate's queue.");

        // The loser has a page open, so the winner's transfer list shows them on shift.
        var loserName = winnerName == "Ana Advocate" ? "Ben Advocate" : "Ana Advocate";
        await winner.GetByTestId("transfer").ClickAsync();
        await winner.GetByTestId("transfer-target").ClickAsync();
        await Expect(winner.Locator(".mud-popover-open .mud-list-item", new() { HasText = loserName })).ToHaveTextAsync(new Regex(@"\(0/\d+, on shift\)"));
    }

    private static async Task<(IPage Winner, IPage Loser, string WinnerName)> WhoWonAsync(IPage ana, IPage ben, Regex conversationUrl)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            var anaWon = conversationUrl.IsMatch(ana.Url);
            var benWon = conversationUrl.IsMatch(ben.Url);
            Assert.False(anaWon && benWon, "Both advocates were given the same conversation.");
            if (anaWon)
            {
                return (ana, ben, "Ana Advocate");
            }
            if (benWon)
            {
                return (ben, ana, "Ben Advocate");
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("Neither advocate landed on the conversation after claiming it.");
    }
}
