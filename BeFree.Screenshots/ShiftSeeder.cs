using System.Text.RegularExpressions;
using BeFree.Core;
using BeFree.Core.Escalations;
using BeFree.Core.Messaging.Twilio;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Screenshots;

/// <summary>
/// A shift as a person would build it through the app: staff created on the Admin's page, texters
/// texting the short code (webhooks signed as Twilio signs them), advocates claiming and answering,
/// an escalation waiting for the lead. Then the screenshots, light and dark, at 1366x768.
/// </summary>
public sealed class ShiftSeeder : IAsyncDisposable
{
    private const string StaffPassword = "harbour-quiet-meadow-41";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly ScreenshotOptions _options;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private IPage _advocate = null!;
    private IPage _lead = null!;
    private IPage _spanishAdvocate = null!;
    private int _inboxConversationId;
    private int _spanishConversationId;

    private ShiftSeeder(ScreenshotOptions options, IPlaywright playwright, IBrowser browser)
    {
        _options = options;
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<ShiftSeeder> StartAsync(ScreenshotOptions options)
    {
        SetDefaultExpectTimeout(20_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        return new ShiftSeeder(options, playwright, browser);
    }

    public async Task SeedAsync()
    {
        var admin = await NewPageAsync();
        await SignInAsync(admin, _options.AdminEmail, _options.AdminPassword);
        await Expect(admin.GetByTestId("signed-in-user")).ToBeVisibleAsync();

        _advocate = await NewStaffAsync(admin, "maya@befree.example", "Maya Ortiz", "Advocate");
        var second = await NewStaffAsync(admin, "sam@befree.example", "Sam Patel", "Advocate");
        _lead = await NewStaffAsync(admin, "jordan@befree.example", "Jordan Reyes", "ShiftLead");
        _spanishAdvocate = await NewStaffAsync(admin, "lucia@befree.example", "Lucía Gómez", "Advocate");
        await ChooseSpanishAsync(_spanishAdvocate);
        await EnrolAuthenticatorAsync(_lead);

        var passport = "I work at a nail salon and the owner keeps my passport. I can't leave and I owe him for the trip";
        await TextInAsync("+15550142201", passport);
        var debt = "my boyfriend makes me see men for money and keeps all of it. he says i still owe him";
        await TextInAsync("+15550142202", debt);
        var witness = "My neighbor's house has young girls coming and going all night, a man drives them. Who do I tell?";
        await TextInAsync("+15550142205", witness);
        var farm = "Hola, necesito ayuda. El patrón no nos paga y no nos deja salir de la finca";
        await TextInAsync("+15550142203", farm);
        await TextInAsync("+15550142204", "is this confidential? i dont want him to find out i texted");

        _inboxConversationId = await ConversationOfAsync(passport);
        var debtConversation = await ConversationOfAsync(debt);
        var witnessConversation = await ConversationOfAsync(witness);

        await ClaimAsync(_advocate, _inboxConversationId);
        await ReplyAsync(_advocate, "Thank you for texting. You did the right thing. Are you somewhere safe to text right now?");
        await TextInAsync("+15550142201", "yes for now. he is at the other shop until 6");
        await ReplyAsync(_advocate, "Good. Keeping your passport is against the law. Would you like help from someone who can meet you safely?");

        await ClaimAsync(_advocate, debtConversation);
        await SubmitEscalationAsync(_advocate, debtConversation);

        await ClaimAsync(second, witnessConversation);
        await ReplyAsync(second, "Thank you for telling us. What city or town is the house in? You don't need to give your name.");

        _spanishConversationId = await ConversationOfAsync(farm);
        await ClaimAsync(_spanishAdvocate, _spanishConversationId);
        await ReplyAsync(_spanishAdvocate, "Gracias por escribirnos. ¿Está en un lugar seguro para escribir ahora?");
        await TextInAsync("+15550142203", "sí, estoy en el baño. somos seis y nos quitaron los documentos");
    }

    public async Task TakeScreenshotsAsync()
    {
        Directory.CreateDirectory(_options.OutputFolder);
        foreach (var dark in new[] { false, true })
        {
            var scheme = dark ? "dark" : "light";
            await ShootAsync(_advocate, $"/inbox/{_inboxConversationId}", "[data-testid=inbox-page][data-live=true]", dark, $"inbox-{scheme}.png");
            await ShootAsync(_lead, "/board", "[data-testid=board-waiting]", dark, $"board-{scheme}.png");
            await ShootAsync(_lead, "/reports", "[data-testid=report-downloads]", dark, $"reports-{scheme}.png");
            // The workstation in the advocate's own language (her preference), answering a Spanish-speaking texter.
            await ShootAsync(_spanishAdvocate, $"/inbox/{_spanishConversationId}", "[data-testid=inbox-page][data-live=true]", dark, $"inbox-es-{scheme}.png");
        }
    }

    private async Task ShootAsync(IPage page, string path, string ready, bool dark, string file)
    {
        await page.SetViewportSizeAsync(1366, 768);
        await page.EmulateMediaAsync(new() { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
        await page.GotoAsync(path);
        await Expect(page.Locator(ready).First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // The theme follows the system once the page is live; wait for the page's own background.
        await page.WaitForFunctionAsync("expected => getComputedStyle(document.body).backgroundColor === expected",
            dark ? "rgb(15, 21, 28)" : "rgb(245, 247, 250)");
        // The router focuses the heading after navigation; its focus ring is not part of the picture.
        await page.EvaluateAsync("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()");
        await page.Mouse.MoveAsync(1360, 760);
        // Let MudBlazor's transitions (drawer, ripples, charts) finish so the picture is not caught mid-fade.
        await page.WaitForTimeoutAsync(800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(_options.OutputFolder, file) });
        Console.WriteLine($"  {file}");
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _options.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("[data-testid=sign-in]");
    }

    /// <summary>The Admin creates the account; the person signs in with the temporary password and chooses their own.</summary>
    private async Task<IPage> NewStaffAsync(IPage admin, string email, string name, string role)
    {
        await admin.GotoAsync("/admin/staff");
        await Expect(admin.GetByTestId("create-staff")).ToBeEnabledAsync();
        await admin.GetByTestId("new-staff-email").FillAsync(email);
        await admin.GetByTestId("new-staff-name").FillAsync(name);
        await admin.GetByTestId("new-staff-role-" + role).CheckAsync();
        await admin.GetByTestId("create-staff").ClickAsync();
        var temporary = (await admin.GetByTestId("temporary-password").InnerTextAsync()).Trim();

        var page = await NewPageAsync();
        await SignInAsync(page, email, temporary);
        await page.GotoAsync("/Account/Manage/ChangePassword");
        await page.FillAsync("#Input\\.OldPassword", temporary);
        await page.FillAsync("#Input\\.NewPassword", StaffPassword);
        await page.FillAsync("#Input\\.ConfirmPassword", StaffPassword);
        await page.ClickAsync("[data-testid=change-password]");
        await Expect(page).ToHaveURLAsync(new Regex("/(inbox|board|Account/Manage/EnableAuthenticator)$"));
        return page;
    }

    /// <summary>The person picks Spanish in the preferences menu; the page reloads in it.</summary>
    private static async Task ChooseSpanishAsync(IPage page)
    {
        await page.GotoAsync("/inbox");
        await Expect(page.GetByTestId("inbox-page")).ToHaveAttributeAsync("data-live", "true");
        await page.GetByTestId("preferences-menu").Locator("button").First.ClickAsync();
        await page.GetByTestId("language-es-US").ClickAsync();
        await Expect(page.GetByTestId("sign-out")).ToHaveTextAsync("Cerrar sesión");
    }

    /// <summary>Shift leads must have an authenticator; this computes its codes from the key the page shows.</summary>
    private static async Task EnrolAuthenticatorAsync(IPage page)
    {
        await page.GotoAsync("/Account/Manage/EnableAuthenticator");
        var sharedKey = await page.GetByTestId("shared-key").InnerTextAsync();
        var key = Base32Encoding.ToBytes(sharedKey.Replace(" ", "").ToUpperInvariant());
        await page.FillAsync("#Input\\.Code", new Totp(key).ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("[data-testid=verify-authenticator]");
        await Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
    }

    /// <summary>A texter's text, posted to the webhook as Twilio would (signed with the account's token).</summary>
    private async Task TextInAsync(string from, string body)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")),
            new("AccountSid", _options.TwilioAccountSid),
            new("From", from),
            new("To", _options.ShortCode),
            new("Body", body),
            new("NumMedia", "0"),
            new("NumSegments", "1"),
            new("SmsStatus", "received"),
            new("ApiVersion", "2010-04-01"),
        };
        var url = _options.BaseUrl + TwilioWebhookUrl.SmsPath;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.HeaderName, TwilioSignature.Compute(url, form, _options.TwilioAuthToken));
        using var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode} for a text from {from}.");
        }
    }

    /// <summary>The conversation a text was threaded to, read from the app's database (read-only).</summary>
    private async Task<int> ConversationOfAsync(string body)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = _options.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ConversationId FROM Messages WHERE Body = $body AND Direction = 0";
        command.Parameters.AddWithValue("$body", body);
        return Convert.ToInt32(await command.ExecuteScalarAsync()
            ?? throw new InvalidOperationException($"The text '{body}' was not stored."));
    }

    private static async Task ClaimAsync(IPage advocate, int conversationId)
    {
        await advocate.GotoAsync("/queue");
        var claim = advocate.GetByTestId($"claim-{conversationId}");
        await Expect(claim).ToBeEnabledAsync();
        await claim.ClickAsync();
        await Expect(advocate).ToHaveURLAsync(new Regex($"/conversations/{conversationId}"));
    }

    /// <summary>Types and sends a reply on the open conversation page; typing before the page is live is retried.</summary>
    private static async Task ReplyAsync(IPage advocate, string text)
    {
        var field = advocate.Locator("[data-testid=reply-text]").Locator("xpath=self::textarea|.//textarea").First;
        var send = advocate.GetByTestId("reply-send");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await field.FillAsync(text);
            try
            {
                await Expect(send).ToBeEnabledAsync(new() { Timeout = 2_000 });
                break;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
        await send.ClickAsync();
        await Expect(advocate.GetByTestId("thread")).ToContainTextAsync(text[..40]);
    }

    private async Task SubmitEscalationAsync(IPage advocate, int conversationId)
    {
        await advocate.GotoAsync($"/conversations/{conversationId}/escalate");
        await Expect(advocate.GetByTestId("save-draft")).ToBeEnabledAsync();
        var hotline = await NationalHotlineIdAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            // A click that lands while the form is still connecting is lost: pick again until it shows.
            await advocate.GetByTestId("escalation-contact-search").FillAsync("Trafficking Hotline");
            await advocate.GetByTestId("escalation-contact-search-button").ClickAsync();
            await advocate.GetByTestId($"escalation-contact-{hotline}").ClickAsync();
            try
            {
                await Expect(advocate.GetByTestId("escalation-contact-chosen")).ToContainTextAsync("National Human Trafficking Hotline", new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
        await ChooseAsync(advocate, "escalation-reason", nameof(EscalationReason.SexTrafficking), "Sex trafficking");
        await ChooseAsync(advocate, "escalation-urgency", nameof(EscalationUrgency.Urgent), DisplayNames.Of(EscalationUrgency.Urgent));
        await advocate.GetByTestId("escalation-summary").FillAsync("Adult texter; partner forces commercial sex and claims a debt; wants to talk to someone about leaving.");
        await advocate.GetByTestId("escalation-consent").CheckAsync();
        await advocate.GetByTestId("escalation-basis-note").FillAsync("Texter agreed by text");
        await advocate.GetByTestId("submit-escalation").ClickAsync();
        await Expect(advocate.GetByTestId("escalation-status")).ToHaveTextAsync("Awaiting approval");
    }

    /// <summary>Picks a choice in a native select or a MudSelect (opened by a click once the page is live).</summary>
    private static async Task ChooseAsync(IPage page, string testId, string value, string label)
    {
        var field = page.GetByTestId(testId);
        if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await field.SelectOptionAsync(value);
            return;
        }
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(label)}\\s*$") });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await field.ClickAsync();
            try
            {
                await Expect(item).ToBeVisibleAsync(new() { Timeout = 2_000 });
                break;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
        await item.ClickAsync();
    }

    private async Task<int> NationalHotlineIdAsync()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = _options.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM LawEnforcementContacts WHERE Agency = 'National Human Trafficking Hotline'";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
