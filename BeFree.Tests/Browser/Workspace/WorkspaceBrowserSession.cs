using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BeFree.Core.Messaging;
using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Workspace;

/// <summary>
/// The app in Simulated Twilio mode with known credentials, a bootstrap Admin, and helpers that
/// create advocates through the Admin's staff page and post texts signed as Twilio signs them.
/// </summary>
public sealed class WorkspaceBrowserSession(BrowserFixture browser, AppUnderTest app) : IAsyncDisposable
{
    public const string AuthToken = "browser-auth-token-0123456789abcdef";
    public const string AccountSid = "AC00112233445566778899aabbccddeeff";
    public const string ShortCode = "233733";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public AppUnderTest App => app;

    public static async Task<WorkspaceBrowserSession> StartAsync(BrowserFixture browser)
    {
        var app = await AppUnderTest.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = TestAccounts.AdminEmail,
            ["Bootstrap:AdminPassword"] = TestAccounts.AdminPassword,
            ["Bootstrap:AdminDisplayName"] = "Bootstrap Admin",
            ["Bootstrap:RequireTwoFactor"] = "false",
            ["Twilio:Mode"] = "Simulated",
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:From"] = ShortCode,
            ["Twilio:SimulatedDeliveryDelayMilliseconds"] = "200",
        });
        return new WorkspaceBrowserSession(browser, app);
    }

    public async Task<IPage> SignedInAdminAsync()
    {
        var admin = await browser.NewPageAsync(app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(admin, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(admin.GetByTestId("signed-in-user")).ToHaveTextAsync("Bootstrap Admin");
        return admin;
    }

    /// <summary>Creates an Advocate on the Admin's staff page, signs them in in a fresh browser context and sets their own password.</summary>
    public Task<IPage> SignedInAdvocateAsync(IPage admin, string email, string name) => SignedInStaffAsync(admin, email, name, "Advocate");

    /// <summary>Creates staff with one role on the Admin's staff page; they sign in, set their password and, as a shift lead, enrol in 2FA.</summary>
    public async Task<IPage> SignedInStaffAsync(IPage admin, string email, string name, string role)
    {
        await admin.GotoAsync("/admin/staff");
        await Expect(admin.GetByTestId("create-staff")).ToBeEnabledAsync();
        await admin.GetByTestId("new-staff-email").FillAsync(email);
        await admin.GetByTestId("new-staff-name").FillAsync(name);
        await admin.GetByTestId("new-staff-role-" + role).CheckAsync();
        await admin.GetByTestId("create-staff").ClickAsync();
        var temporaryPassword = (await admin.GetByTestId("temporary-password").InnerTextAsync()).Trim();

        var advocate = await browser.NewPageAsync(app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(advocate, email, temporaryPassword);
        await Expect(advocate).ToHaveURLAsync(new Regex("/Account/Manage/ChangePassword"));
        await advocate.FillAsync("#Input\\.OldPassword", temporaryPassword);
        await advocate.FillAsync("#Input\\.NewPassword", "meadow-copper-lantern-" + RandomNumberGenerator.GetInt32(10, 99));
        await advocate.FillAsync("#Input\\.ConfirmPassword", await advocate.InputValueAsync("#Input\\.NewPassword"));
        await advocate.ClickAsync("[data-testid=change-password]");
        await Expect(advocate.Locator(".alert-success")).ToContainTextAsync("password has been changed");
        if (role != "Advocate")
        {
            await advocate.GotoAsync("/");
            await Expect(advocate).ToHaveURLAsync(new Regex("/Account/Manage/EnableAuthenticator"));
            var sharedKey = await advocate.GetByTestId("shared-key").InnerTextAsync();
            await advocate.FillAsync("#Input\\.Code", Totp.Code(sharedKey));
            await advocate.ClickAsync("[data-testid=verify-authenticator]");
            await Expect(advocate.GetByTestId("recovery-codes")).ToBeVisibleAsync();
        }
        return advocate;
    }

    /// <summary>Opens the queue and waits until it is live (the sound toggle is enabled once interactive).</summary>
    public static async Task OpenQueueAsync(IPage page)
    {
        await page.GotoAsync("/queue");
        await Expect(page.GetByTestId("sound-toggle")).ToBeEnabledAsync();
    }

    public static string NewPhoneNumber() => "+1555" + RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7");

    /// <summary>Posts an inbound text to /twilio/sms signed with the configured auth token, as Twilio would.</summary>
    public async Task<HttpResponseMessage> PostInboundTextAsync(string from, string body, bool training = false)
    {
        var url = app.BaseUrl + TwilioWebhookUrl.SmsPath;
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
            new("AccountSid", AccountSid),
            new("From", from),
            new("To", ShortCode),
            new("Body", body),
            new("NumMedia", "0"),
            new("NumSegments", "1"),
            new("SmsStatus", "received"),
            new("FromCity", "SPRINGFIELD"),
            new("FromState", "IL"),
            new("ApiVersion", "2010-04-01"),
        };
        if (training)
        {
            form.Add(new(InboundSms.TrainingParameter, "1"));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(url, form, AuthToken));
        return await _http.SendAsync(request);
    }

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
                return;
            }
            catch (PlaywrightException) when (stopwatch.Elapsed < TimeSpan.FromSeconds(15))
            {
                // Typed before the page was live: type it again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await app.DisposeAsync();
    }
}
