using System.Diagnostics;
using System.Security.Cryptography;
using BeFree.Tests.Browser.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Workspace;

/// <summary>
/// The app in Simulated Twilio mode with known credentials, a bootstrap Admin, and helpers that
/// create advocates through the Admin's staff page and post texts signed as Twilio signs them.
/// </summary>
public sealed class WorkspaceBrowserSession(HotlineScenario scenario) : IAsyncDisposable
{
    public const string AuthToken = HotlineScenario.AuthToken;
    public const string AccountSid = HotlineScenario.AccountSid;
    public const string ShortCode = HotlineScenario.ShortCode;

    private readonly HotlineScenario _scenario = scenario;

    public AppUnderTest App => _scenario.App;

    public static async Task<WorkspaceBrowserSession> StartAsync(BrowserFixture browser)
        => new(await HotlineScenario.StartAsync(browser, new Dictionary<string, string>
        {
            ["Twilio:SimulatedDeliveryDelayMilliseconds"] = "200",
        }));

    public Task<IPage> SignedInAdminAsync() => _scenario.SignedInAdminAsync();

    /// <summary>Creates an Advocate on the Admin's staff page, signs them in in a fresh browser context and sets their own password.</summary>
    public Task<IPage> SignedInAdvocateAsync(IPage admin, string email, string name) => SignedInStaffAsync(admin, email, name, "Advocate");

    /// <summary>Creates staff with one role on the Admin's staff page; they sign in, set their password and, as a shift lead, enrol in 2FA.</summary>
    public Task<IPage> SignedInStaffAsync(IPage admin, string email, string name, string role) => _scenario.SignedInStaffAsync(admin, email, name, role);

    /// <summary>Opens the queue and waits until it is live (following the shared queue once interactive).</summary>
    public static async Task OpenQueueAsync(IPage page)
    {
        await page.GotoAsync("/queue");
        await Expect(page.GetByTestId("queue-page")).ToHaveAttributeAsync("data-live", "true");
    }

    public static string NewPhoneNumber() => "+1555" + RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7");

    /// <summary>Posts an inbound text to /twilio/sms signed with the configured auth token, as Twilio would.</summary>
    public Task<HttpResponseMessage> PostInboundTextAsync(string from, string body, bool training = false, string? mediaContentType = null)
        => _scenario.PostInboundTextAsync(from, body, training, mediaContentType);

    /// <summary>Fills a field once the page is live: text typed before the circuit starts would be lost, so retry until the button reacts.</summary>
    public static async Task FillUntilEnabledAsync(ILocator field, string text, ILocator button)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            await field.ClearAsync();
            await field.PressSequentiallyAsync(text);
            try
            {
                await Expect(button).ToBeEnabledAsync(new() { Timeout = 2_000 });
                // A re-render racing the keystrokes can drop characters (a known Blazor Server
                // limitation with per-keystroke binding); what is sent must be exactly what was meant.
                await Expect(field).ToHaveValueAsync(text, new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (stopwatch.Elapsed < TimeSpan.FromSeconds(15))
            {
                // Typed before the page was live, or a keystroke was lost: type it again.
            }
        }
    }

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();
}
