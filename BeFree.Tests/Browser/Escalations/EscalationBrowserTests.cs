using System.Text.RegularExpressions;
using BeFree.Core.Messaging;
using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using Microsoft.Data.Sqlite;
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
    private const string AuthToken = "browser-auth-token-0123456789abcdef";
    private const string AccountSid = "AC00000000000000000000000000000042";
    private const string ShortCode = "233733";
    private AppUnderTest _app = null!;

    public async Task InitializeAsync() => _app = await AppUnderTest.StartAsync(new Dictionary<string, string>
    {
        ["Bootstrap:AdminEmail"] = TestAccounts.AdminEmail,
        ["Bootstrap:AdminPassword"] = TestAccounts.AdminPassword,
        ["Bootstrap:AdminDisplayName"] = "Bootstrap Admin",
        ["Bootstrap:RequireTwoFactor"] = "false",
        ["Twilio:Mode"] = "Simulated",
        ["Twilio:AuthToken"] = AuthToken,
        ["Twilio:AccountSid"] = AccountSid,
        ["Twilio:From"] = ShortCode,
        ["Twilio:SimulatedDeliveryDelayMilliseconds"] = "20",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_advocate_drafts_an_escalation_and_a_shift_lead_approves_it()
    {
        var admin = await browser.NewPageAsync(_app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(admin, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(admin.GetByTestId("signed-in-user")).ToHaveTextAsync("Bootstrap Admin");
        var advocatePassword = await CreateStaffAsync(admin, "casey@befree.test", "Casey Advocate", "Advocate");
        var leadPassword = await CreateStaffAsync(admin, "lee@befree.test", "Lee Lead", "ShiftLead");

        var advocate = await browser.NewPageAsync(_app.BaseUrl);
        await SignInFirstTimeAsync(advocate, "casey@befree.test", advocatePassword, "saffron-kettle-orbit-28");
        var lead = await browser.NewPageAsync(_app.BaseUrl);
        await SignInFirstTimeAsync(lead, "lee@befree.test", leadPassword, "copper-lantern-meadow-64");
        await EnrolAuthenticatorAsync(lead);

        var words = $"They took my passport and I cannot leave the farm ({Guid.NewGuid():N})";
        await TextInAsync("+15550104242", words);
        var (conversationId, messageId) = await MessageIdsAsync(words);
        var hotlineId = await NationalHotlineIdAsync();

        await ClaimFromQueueAsync(advocate, conversationId);

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
        await advocate.GetByTestId("escalation-reason").SelectOptionAsync("LaborTrafficking");
        await advocate.GetByTestId("escalation-urgency").SelectOptionAsync("Urgent");
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

    /// <summary>
    /// The queue page's claim button (data-testid claim-{id}). The queue page is built on its own
    /// branch; this step needs it.
    /// </summary>
    private static async Task ClaimFromQueueAsync(IPage advocate, int conversationId)
    {
        await advocate.GotoAsync("/queue");
        var claim = advocate.GetByTestId($"claim-{conversationId}");
        await Expect(claim).ToBeEnabledAsync();
        await claim.ClickAsync();
        await Expect(advocate).ToHaveURLAsync(new Regex($"/conversations/{conversationId}"));
    }

    private async Task TextInAsync(string from, string body)
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
            new("ApiVersion", "2010-04-01"),
        };
        var url = _app.BaseUrl + "/twilio/sms";
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(url, form, AuthToken));
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"The webhook answered {(int)response.StatusCode}.");
    }

    /// <summary>Reads ids from the app's database, read-only: the test never writes behind the app's back.</summary>
    private async Task<(int ConversationId, long MessageId)> MessageIdsAsync(string body)
    {
        await using var connection = ReadOnlyConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ConversationId, Id FROM Messages WHERE Body = $body AND Direction = 0";
        command.Parameters.AddWithValue("$body", body);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The inbound text was stored.");
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    private async Task<int> NationalHotlineIdAsync()
    {
        await using var connection = ReadOnlyConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM LawEnforcementContacts WHERE Agency = 'National Human Trafficking Hotline'";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private SqliteConnection ReadOnlyConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _app.DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<string> CreateStaffAsync(IPage admin, string email, string name, string role)
    {
        await admin.GotoAsync("/admin/staff");
        await Expect(admin.GetByTestId("create-staff")).ToBeEnabledAsync();
        await admin.GetByTestId("new-staff-email").FillAsync(email);
        await admin.GetByTestId("new-staff-name").FillAsync(name);
        await admin.GetByTestId("new-staff-role-" + role).CheckAsync();
        await admin.GetByTestId("create-staff").ClickAsync();
        var password = (await admin.GetByTestId("temporary-password").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(password));
        return password;
    }

    private static async Task SignInFirstTimeAsync(IPage page, string email, string temporaryPassword, string newPassword)
    {
        await FirstAdminSetupFlowTests.SignInAsync(page, email, temporaryPassword);
        await page.GotoAsync("/Account/Manage/ChangePassword");
        await page.FillAsync("#Input\\.OldPassword", temporaryPassword);
        await page.FillAsync("#Input\\.NewPassword", newPassword);
        await page.FillAsync("#Input\\.ConfirmPassword", newPassword);
        await page.ClickAsync("[data-testid=change-password]");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("password has been changed");
    }

    /// <summary>Shift leads must have an authenticator before anything else.</summary>
    private static async Task EnrolAuthenticatorAsync(IPage page)
    {
        await page.GotoAsync("/Account/Manage/EnableAuthenticator");
        var sharedKey = await page.GetByTestId("shared-key").InnerTextAsync();
        await page.FillAsync("#Input\\.Code", Totp.Code(sharedKey));
        await page.ClickAsync("[data-testid=verify-authenticator]");
        await Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
    }
}
