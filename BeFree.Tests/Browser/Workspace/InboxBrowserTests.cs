using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Workspace;

/// <summary>
/// The inbox in a real browser: an advocate holding two conversations works in one while a text in the other
/// raises its unread badge, and a text in the open one lands at the bottom of its thread, both without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private WorkspaceBrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await WorkspaceBrowserSession.StartAsync(browser);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task A_text_in_another_conversation_raises_its_badge_while_the_open_thread_takes_its_own_at_the_bottom()
    {
        var admin = await _session.SignedInAdminAsync();
        var advocate = await _session.SignedInAdvocateAsync(admin, "ines@befree.test", "Ines Advocate");
        // The inbox is an advocate's home after sign-in.
        await Expect(advocate).ToHaveURLAsync(new Regex("/inbox$"));
        await Expect(advocate.GetByTestId("inbox-page")).ToHaveAttributeAsync("data-live", "true");

        var phoneA = WorkspaceBrowserSession.NewPhoneNumber();
        var phoneB = WorkspaceBrowserSession.NewPhoneNumber();
        await PostAsync(phoneA, "A: I work at the nail salon and they keep my papers");
        await PostAsync(phoneB, "B: my cousin said to text this number");
        var a = await ConversationWithTextAsync(advocate, "A: I work at the nail salon");
        var b = await ConversationWithTextAsync(advocate, "B: my cousin said");

        // Claiming from the inbox's own queue opens the conversation here; B first, then A.
        await advocate.GetByTestId($"inbox-claim-{b}").ClickAsync();
        await Expect(advocate).ToHaveURLAsync(new Regex($"/inbox/{b}$"));
        await advocate.GetByTestId($"inbox-claim-{a}").ClickAsync();
        await Expect(advocate).ToHaveURLAsync(new Regex($"/inbox/{a}$"));
        await Expect(advocate.GetByTestId("inbox-thread")).ToContainTextAsync("nail salon");
        await Expect(advocate.GetByTestId($"inbox-unread-{b}")).ToHaveCountAsync(0); // Opened once: read.

        await PostAsync(phoneB, "B: are you still there?");
        await Expect(advocate.GetByTestId($"inbox-unread-{b}")).ToHaveTextAsync("1 new");

        await PostAsync(phoneA, "A: the manager just left");
        var newest = advocate.GetByTestId("inbox-thread").Locator("li.thread-message").Last;
        await Expect(newest).ToContainTextAsync("A: the manager just left");
        await Expect(advocate).ToHaveURLAsync(new Regex($"/inbox/{a}$"));
        await Expect(advocate.GetByTestId($"inbox-unread-{a}")).ToHaveCountAsync(0);

        // Switching keeps the page: the row changes the URL and the centre follows; a refresh opens the same one.
        await advocate.GetByTestId($"inbox-row-{b}").ClickAsync();
        await Expect(advocate).ToHaveURLAsync(new Regex($"/inbox/{b}$"));
        await Expect(advocate.GetByTestId("inbox-thread")).ToContainTextAsync("are you still there?");
        await advocate.ReloadAsync();
        await Expect(advocate.GetByTestId("inbox-thread")).ToContainTextAsync("are you still there?");

        // From the keyboard: r puts the cursor in the reply box (below the thread), Esc takes it out again.
        await Expect(advocate.GetByTestId("inbox-page")).ToHaveAttributeAsync("data-live", "true");
        var reply = advocate.GetByTestId("reply-text");
        await PressUntilAsync(advocate, "r", () => reply.EvaluateAsync<bool>("e => e === document.activeElement"));
        await advocate.Keyboard.PressAsync("Escape");
        await Expect(reply).Not.ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_newest_text_stays_in_sight_when_the_reply_box_grows_below_a_long_thread()
    {
        var admin = await _session.SignedInAdminAsync();
        var advocate = await _session.SignedInAdvocateAsync(admin, "noor@befree.test", "Noor Advocate");
        var phone = WorkspaceBrowserSession.NewPhoneNumber();
        for (var i = 1; i <= 24; i++)
        {
            await PostAsync(phone, $"line {i} of a long story");
        }
        await PostAsync(phone, "he locks the door at night");
        var id = await ConversationWithTextAsync(advocate, "line 1 of a long story");
        await advocate.GetByTestId($"inbox-claim-{id}").ClickAsync();
        var newest = advocate.GetByTestId("inbox-thread").Locator("li.thread-message").Last;
        await Expect(newest).ToContainTextAsync("he locks the door at night");
        await Expect(newest).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(advocate.GetByTestId("inbox-page")).ToHaveAttributeAsync("data-live", "true");

        // "/" opens the canned-response picker under the reply box, which takes height from the thread pane.
        await advocate.GetByTestId("reply-text").FillAsync("/no such response");
        await Expect(advocate.GetByTestId("canned-slash-picker")).ToBeVisibleAsync();
        await Expect(newest).ToBeInViewportAsync(new() { Ratio = 1 });
    }

    /// <summary>Presses a shortcut until it takes effect: the page's key listener starts once its script has loaded.</summary>
    private static async Task PressUntilAsync(IPage page, string key, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await page.Keyboard.PressAsync(key);
            if (await done())
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Pressing {key} had no effect.");
            await page.WaitForTimeoutAsync(200);
        }
    }

    private async Task PostAsync(string phone, string body)
    {
        var response = await _session.PostInboundTextAsync(phone, body);
        Assert.True(response.IsSuccessStatusCode, $"The webhook answered {(int)response.StatusCode}.");
    }

    private static async Task<int> ConversationWithTextAsync(IPage page, string text)
    {
        var row = page.Locator("[data-testid^=inbox-queue-row-]", new() { HasText = text });
        await Expect(row).ToBeVisibleAsync();
        return int.Parse((await row.GetAttributeAsync("data-testid"))!["inbox-queue-row-".Length..]);
    }
}
