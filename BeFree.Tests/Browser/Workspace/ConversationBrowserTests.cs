using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Workspace;

/// <summary>
/// A chat with the training simulator playing the texter: the reply reaches the phone and shows
/// Delivered live, the texter's next text appears live, and STOP closes the reply box with the reason.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private WorkspaceBrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await WorkspaceBrowserSession.StartAsync(browser);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Advocate_and_simulated_texter_exchange_texts_live_and_STOP_disables_the_reply_box()
    {
        var admin = await _session.SignedInAdminAsync();
        var advocate = await _session.SignedInAdvocateAsync(admin, "cleo@befree.test", "Cleo Advocate");
        await WorkspaceBrowserSession.OpenQueueAsync(advocate);

        // The Admin plays the texter on the simulator phone.
        await admin.GotoAsync("/simulator");
        await Expect(admin.GetByTestId("session-guard")).ToHaveAttributeAsync("data-state", "watching");
        await TextFromPhoneAsync(admin, "Is this the help line? I work at a farm and cannot leave");

        var row = advocate.Locator("[data-testid^=queue-row-]", new() { HasText = "I work at a farm" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("training-badge")).ToBeVisibleAsync();
        var conversationId = int.Parse((await row.GetAttributeAsync("data-testid"))!["queue-row-".Length..]);
        await advocate.GetByTestId($"claim-{conversationId}").ClickAsync();
        await Expect(advocate).ToHaveURLAsync(new Regex($"/conversations/{conversationId}$"));
        await Expect(advocate.GetByTestId("thread")).ToContainTextAsync("I work at a farm", new() { Timeout = 15_000 });

        // The advocate replies; the segment counter follows the text.
        var reply = "You reached BeFree. Are you safe to text right now?";
        await WorkspaceBrowserSession.FillUntilEnabledAsync(advocate.GetByTestId("reply-text"), reply, advocate.GetByTestId("reply-send"));
        await Expect(advocate.GetByTestId("segment-count")).ToContainTextAsync($"{reply.Length} characters · 1 SMS segment");
        await advocate.GetByTestId("reply-send").ClickAsync();
        await Expect(advocate.GetByTestId("reply-text")).ToHaveValueAsync("");

        var sent = advocate.Locator("[data-testid^=message-]", new() { HasText = reply }).And(advocate.Locator("[data-direction=Outbound]"));
        await Expect(sent).ToHaveCountAsync(1);
        var messageId = (await sent.GetAttributeAsync("data-testid"))!["message-".Length..];
        await Expect(advocate.GetByTestId($"message-status-{messageId}")).ToHaveTextAsync("Delivered");

        // The phone shows the reply; the texter answers and it appears in the thread without a reload.
        await Expect(admin.GetByTestId("simulator-received").Filter(new() { HasText = reply })).ToHaveCountAsync(1);
        await TextFromPhoneAsync(admin, "Yes for now, my boss is out");
        await Expect(advocate.GetByTestId("thread")).ToContainTextAsync("Yes for now, my boss is out");

        // A picture from the texter, sent as the simulator signs it (same number, training),
        // straight to the webhook: the thread links to it. With the simulated Twilio there is
        // nothing to fetch, and the tab it opens in says so.
        var phoneNumber = await admin.GetByTestId("simulator-number").InputValueAsync();
        var picture = await _session.PostInboundTextAsync(phoneNumber, "this is the house", training: true, mediaContentType: "image/jpeg");
        Assert.Equal(System.Net.HttpStatusCode.OK, picture.StatusCode);
        var attachment = advocate.Locator("[data-testid^=media-]", new() { HasText = "Open attachment 1 (image/jpeg)" });
        await Expect(attachment).ToHaveAttributeAsync("href", new Regex(@"^/media/\d+/0$"));
        var tab = await advocate.Context.RunAndWaitForPageAsync(() => attachment.ClickAsync());
        await Expect(tab.Locator("body")).ToContainTextAsync("simulated Twilio");
        await tab.CloseAsync();

        // STOP: the box closes and says why, before the advocate types anything.
        var stop = await _session.PostInboundTextAsync(phoneNumber, "STOP", training: true);
        Assert.Equal(System.Net.HttpStatusCode.OK, stop.StatusCode);
        await Expect(advocate.GetByTestId("reply-disabled-reason")).ToContainTextAsync("opted out");
        await Expect(advocate.GetByTestId("reply-text")).ToHaveCountAsync(0);
        await Expect(advocate.GetByTestId("reply-send")).ToHaveCountAsync(0);
    }

    private static async Task TextFromPhoneAsync(IPage simulator, string text)
    {
        var sentBefore = await simulator.GetByTestId("simulator-sent").CountAsync();
        await WorkspaceBrowserSession.FillUntilEnabledAsync(simulator.GetByTestId("simulator-draft"), text, simulator.GetByTestId("simulator-send"));
        await simulator.GetByTestId("simulator-send").ClickAsync();
        await Expect(simulator.GetByTestId("simulator-sent")).ToHaveCountAsync(sentBefore + 1);
        // The phone clears its composer once the hotline has the text; typing before that would be wiped.
        await Expect(simulator.GetByTestId("simulator-draft")).ToHaveValueAsync("");
        await Expect(simulator.GetByTestId("simulator-send")).ToBeDisabledAsync();
    }
}
