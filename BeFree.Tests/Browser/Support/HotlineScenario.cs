using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Support;

/// <summary>
/// The steps a hotline's browser tests share: an app with simulated Twilio and a bootstrap Admin,
/// staff created through the Admin's pages, first sign-in, authenticator enrolment, and texts
/// arriving as Twilio would post them (signed). The database is only ever read, never written.
/// </summary>
public sealed class HotlineScenario(BrowserFixture browser, AppUnderTest app) : IAsyncDisposable
{
    public const string AuthToken = "browser-auth-token-0123456789abcdef";
    public const string AccountSid = "AC00000000000000000000000000000042";
    public const string ShortCode = "233733";

    public AppUnderTest App => app;

    /// <summary>Starts the app with the hotline's settings (and any <paramref name="extra"/>); disposing the scenario stops it.</summary>
    public static async Task<HotlineScenario> StartAsync(BrowserFixture browser, IDictionary<string, string>? extra = null)
        => new(browser, await AppUnderTest.StartAsync(Settings(extra)));

    public ValueTask DisposeAsync() => app.DisposeAsync();

    public static Dictionary<string, string> Settings(IDictionary<string, string>? extra = null)
    {
        var settings = TestAccounts.BootstrapAdminSettings(new Dictionary<string, string>
        {
            ["Twilio:Mode"] = "Simulated",
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:From"] = ShortCode,
            ["Twilio:SimulatedDeliveryDelayMilliseconds"] = "20",
        });
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        return settings;
    }

    public Task<IPage> NewPageAsync() => browser.NewPageAsync(app.BaseUrl);

    public async Task<IPage> SignedInAdminAsync()
    {
        var admin = await NewPageAsync();
        await FirstAdminSetupFlowTests.SignInAsync(admin, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(admin.GetByTestId("signed-in-user")).ToHaveTextAsync("Bootstrap Admin");
        return admin;
    }

    /// <summary>Creates a staff member on the Admin's staff page; returns the temporary password shown once.</summary>
    public static async Task<string> CreateStaffAsync(IPage admin, string email, string name, params string[] roles)
    {
        await admin.GotoAsync("/admin/staff");
        await Expect(admin.GetByTestId("create-staff")).ToBeEnabledAsync();
        await admin.GetByTestId("new-staff-email").FillAsync(email);
        await admin.GetByTestId("new-staff-name").FillAsync(name);
        foreach (var role in roles)
        {
            await admin.GetByTestId("new-staff-role-" + role).CheckAsync();
        }
        await admin.GetByTestId("create-staff").ClickAsync();
        var password = (await admin.GetByTestId("temporary-password").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(password));
        return password;
    }

    /// <summary>A new person's first sign-in: the temporary password is replaced before anything else.</summary>
    public async Task<IPage> SignInFirstTimeAsync(string email, string temporaryPassword, string newPassword)
    {
        var page = await NewPageAsync();
        await FirstAdminSetupFlowTests.SignInAsync(page, email, temporaryPassword);
        await page.GotoAsync("/Account/Manage/ChangePassword");
        await page.FillAsync("#Input\\.OldPassword", temporaryPassword);
        await page.FillAsync("#Input\\.NewPassword", newPassword);
        await page.FillAsync("#Input\\.ConfirmPassword", newPassword);
        await page.ClickAsync("[data-testid=change-password]");
        // Replacing a temporary password lands on the workspace (a lead is sent on to enrol a second factor).
        await Expect(page).ToHaveURLAsync(new Regex("/(inbox|board|Account/Manage/EnableAuthenticator)$"));
        return page;
    }

    /// <summary>Creates staff with one role on the Admin's staff page; they sign in, set their password and, as a shift lead, enrol in 2FA.</summary>
    public async Task<IPage> SignedInStaffAsync(IPage admin, string email, string name, string role)
    {
        var temporaryPassword = await CreateStaffAsync(admin, email, name, role);
        var page = await SignInFirstTimeAsync(email, temporaryPassword, "meadow-copper-lantern-" + RandomNumberGenerator.GetInt32(10, 99));
        if (role != "Advocate")
        {
            await EnrolAuthenticatorAsync(page);
        }
        return page;
    }

    /// <summary>Shift leads and Admins must have an authenticator before anything else.</summary>
    public static async Task EnrolAuthenticatorAsync(IPage page)
    {
        await page.GotoAsync("/Account/Manage/EnableAuthenticator");
        var sharedKey = await page.GetByTestId("shared-key").InnerTextAsync();
        await page.FillAsync("#Input\\.Code", Totp.Code(sharedKey));
        await page.ClickAsync("[data-testid=verify-authenticator]");
        await Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
    }

    /// <summary>A texter's text, posted to the webhook exactly as Twilio would (signed with the account's token).</summary>
    public async Task<HttpResponseMessage> PostInboundTextAsync(string from, string body, bool training = false, string? mediaContentType = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")),
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
        if (mediaContentType is not null)
        {
            // One attachment, at the kind of address Twilio posts.
            form.RemoveAll(p => p.Key == "NumMedia");
            form.Add(new("NumMedia", "1"));
            form.Add(new("MediaUrl0", $"https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages/MM{Guid.NewGuid():N}/Media/ME{Guid.NewGuid():N}"));
            form.Add(new("MediaContentType0", mediaContentType));
        }
        var url = app.BaseUrl + TwilioWebhookUrl.SmsPath;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(url, form, AuthToken));
        return await Http.SendAsync(request);
    }

    public async Task TextInAsync(string from, string body)
    {
        var response = await PostInboundTextAsync(from, body);
        Assert.True(response.IsSuccessStatusCode, $"The webhook answered {(int)response.StatusCode}.");
    }

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The conversation and message ids of an inbound text, read from the app's database read-only.</summary>
    public async Task<(int ConversationId, long MessageId)> MessageIdsAsync(string body)
    {
        await using var connection = ReadOnlyConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ConversationId, Id FROM Messages WHERE Body = $body AND Direction = 0";
        command.Parameters.AddWithValue("$body", body);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The inbound text was stored.");
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    /// <summary>The seeded national hotline's directory id.</summary>
    public async Task<int> NationalHotlineIdAsync()
    {
        await using var connection = ReadOnlyConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM LawEnforcementContacts WHERE Agency = 'National Human Trafficking Hotline'";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    public SqliteConnection ReadOnlyConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = app.DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Claims from the live queue and lands on the conversation page.</summary>
    public static async Task ClaimFromQueueAsync(IPage advocate, int conversationId)
    {
        await advocate.GotoAsync("/queue");
        var claim = advocate.GetByTestId($"claim-{conversationId}");
        await Expect(claim).ToBeEnabledAsync();
        await claim.ClickAsync();
        await Expect(advocate).ToHaveURLAsync(new Regex($"/conversations/{conversationId}"));
    }

    /// <summary>
    /// Chooses an item of a MudSelect as a person does: a click opens its list, a click on the item picks it. The list
    /// opens only once the page is live, so the click is repeated until it does.
    /// </summary>
    public static async Task ChooseAsync(IPage page, string testId, string itemText)
    {
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(itemText)}\\s*$") });
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await page.GetByTestId(testId).ClickAsync();
            try
            {
                await Expect(item).ToBeVisibleAsync(new() { Timeout = 2_000 });
                break;
            }
            catch (PlaywrightException) when (stopwatch.Elapsed < TimeSpan.FromSeconds(15))
            {
                // Clicked before the page was live: click again.
            }
        }
        await item.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
