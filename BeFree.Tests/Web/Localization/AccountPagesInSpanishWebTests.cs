using System.Net;
using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Localization;

/// <summary>
/// Over HTTP, as a browser posts the static forms: the two-factor sign-in page, the change-password page (with its
/// validation messages and Identity's refusals) and the transcript read in Spanish for a Spanish-preferring person,
/// and stay as they were in English for everyone else.
/// </summary>
public sealed class AccountPagesInSpanishWebTests(BeFreeWebFactory factory) : IClassFixture<BeFreeWebFactory>
{
    private const string Password = "amber-ridge-falcon-63";

    /// <summary>A browser with its own cookie jar and no automatic redirects; in Spanish when it holds the culture cookie.</summary>
    private HttpClient Browser(bool spanish)
    {
        var cookies = new CookieContainer();
        if (spanish)
        {
            cookies.Add(new Uri("http://localhost"), new Cookie(CookieRequestCultureProvider.DefaultCookieName, "c%3Des-US%7Cuic%3Des-US"));
        }
        return factory.CreateDefaultClient(new CookieContainerHandler(cookies));
    }

    /// <summary>The page as sent (parse this), and <see cref="Shown"/> for its words as a browser shows them.</summary>
    private static Task<string> ReadAsync(HttpResponseMessage response) => response.Content.ReadAsStringAsync();

    /// <summary>Blazor writes letters such as ó as character references: the text as a browser shows it.</summary>
    private static async Task<string> ShownAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var token = HtmlPage.AntiforgeryToken(await client.GetStringAsync(path));
        Assert.True(token is not null, $"{path} carries an antiforgery token.");
        fields[HtmlPage.AntiforgeryField] = token;
        fields["_handler"] = handler;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_two_factor_step_speaks_the_language_this_browser_last_used(bool spanish)
    {
        var email = $"two-step-{spanish}@befree.test";
        var user = await StaffTestData.CreateStaffAsync(factory.Services, email, "Two Step", [StaffRoles.Advocate], twoFactorEnabled: true);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // An authenticator app enrolled earlier: its key exists, so the password step asks for its code.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            await users.ResetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id))!);
        }
        using var client = Browser(spanish);
        var signedIn = await StaffTestData.SignInAsync(client, email, StaffTestData.Password);
        Assert.Equal("/Account/LoginWith2fa", new Uri(new Uri("http://localhost"), signedIn.Headers.Location!).AbsolutePath);

        var page = await ShownAsync(await client.GetAsync("/Account/LoginWith2fa"));
        var empty = await ReadAsync(await PostFormAsync(client, "/Account/LoginWith2fa", "login-with-2fa", new() { ["Input.TwoFactorCode"] = "" }));
        var wrong = await ReadAsync(await PostFormAsync(client, "/Account/LoginWith2fa", "login-with-2fa", new() { ["Input.TwoFactorCode"] = "000000" }));

        if (spanish)
        {
            Assert.Contains("<title>Inicio de sesión en dos pasos · BeFree</title>", page);
            Assert.Contains("Código del autenticador", page);
            Assert.Contains("¿No tiene acceso a su autenticador?", page);
            Assert.Contains("Use un código de recuperación", page);
            Assert.Contains("<html lang=\"es\">", page);
            Assert.DoesNotContain("Authenticator code", page);
            Assert.Equal("El campo «Código del autenticador» es obligatorio.", FieldError(empty, "Input.TwoFactorCode"));
            Assert.Equal("Error: Código del autenticador no válido.", HtmlPage.ErrorMessage(wrong));
        }
        else
        {
            Assert.Contains("<title>Two-factor sign-in · BeFree</title>", page);
            Assert.Contains("No access to your authenticator?", page);
            Assert.Contains("<html lang=\"en\">", page);
            Assert.Equal("Authenticator code is required.", FieldError(empty, "Input.TwoFactorCode"));
            Assert.Equal("Error: Invalid authenticator code.", HtmlPage.ErrorMessage(wrong));
        }
        // Only the words change: the same fields post and the tests find the same controls.
        Assert.Contains("name=\"Input.TwoFactorCode\"", page);
        Assert.Contains("data-testid=\"verify-2fa\"", page);
    }

    [Fact]
    public async Task A_Spanish_preferring_advocate_changes_a_password_in_Spanish_refusals_included()
    {
        var id = await StaffWebSession.CreateReadyAccountAsync(factory, "lucia@befree.test", Password, StaffRoles.Advocate);
        Assert.True(await factory.Get<StaffPreferencesService>().SaveAsync(id, new StaffPreferences { Language = WorkstationLanguage.Spanish }));
        using var lucia = await StaffWebSession.SignInAsync(factory, "lucia@befree.test", Password);

        var page = await ShownAsync(await lucia.GetAsync("/Account/Manage/ChangePassword"));
        var missing = await ReadAsync(await ChangePasswordAsync(lucia, "", "lantern-orchard-ribbon-73"));
        var mismatch = await ReadAsync(await ChangePasswordAsync(lucia, Password, "lantern-orchard-ribbon-73", "lantern-orchard-ribbon-74"));
        var wrong = await ReadAsync(await ChangePasswordAsync(lucia, "not-my-password-at-all", "lantern-orchard-ribbon-73"));
        var common = await ReadAsync(await ChangePasswordAsync(lucia, Password, "passwordpassword"));

        Assert.Contains("<title>Cambiar la contraseña · BeFree</title>", page);
        Assert.Contains("Mi cuenta", page);
        Assert.Contains("Contraseña actual", page);
        Assert.Contains("Su contraseña debe cumplir lo siguiente:", page);
        Assert.Contains("En su caso, no debe contener", page);
        Assert.Contains("Llaves de acceso", page);
        Assert.DoesNotContain("Current password", page);
        Assert.Equal("El campo «Contraseña actual» es obligatorio.", FieldError(missing, "Input.OldPassword"));
        Assert.Equal("La nueva contraseña y su confirmación no coinciden.", FieldError(mismatch, "Input.ConfirmPassword"));
        // Identity's own refusal, and the hotline's password rules', in Spanish.
        Assert.Equal("Error: Contraseña incorrecta.", HtmlPage.ErrorMessage(wrong));
        Assert.StartsWith("Error: Esa contraseña es demasiado común", HtmlPage.ErrorMessage(common));
        // What the passkey script says by itself comes from the page, in the page's language.
        var passkeys = await ShownAsync(await lucia.GetAsync("/Account/Manage/Passkeys"));
        Assert.Contains("not-used=\"No se usó la llave de acceso (se canceló o se agotó el tiempo).\"", passkeys);
        Assert.Contains("Todavía no tiene llaves de acceso.", passkeys);
    }

    [Fact]
    public async Task An_English_reader_keeps_the_change_password_page_as_it_was()
    {
        await StaffWebSession.CreateReadyAccountAsync(factory, "emma@befree.test", Password, StaffRoles.Advocate);
        using var emma = await StaffWebSession.SignInAsync(factory, "emma@befree.test", Password);

        var page = await ShownAsync(await emma.GetAsync("/Account/Manage/ChangePassword"));
        var missing = await ReadAsync(await ChangePasswordAsync(emma, "", "lantern-orchard-ribbon-73"));
        var wrong = await ReadAsync(await ChangePasswordAsync(emma, "not-my-password-at-all", "lantern-orchard-ribbon-73"));
        var common = await ReadAsync(await ChangePasswordAsync(emma, Password, "passwordpassword"));

        Assert.Contains("<title>Change password · BeFree</title>", page);
        Assert.Contains("Your password must be:", page);
        Assert.Equal("Current password is required.", FieldError(missing, "Input.OldPassword"));
        Assert.Equal("Error: Incorrect password.", HtmlPage.ErrorMessage(wrong));
        Assert.StartsWith("Error: That password is too common", HtmlPage.ErrorMessage(common));
    }

    [Fact]
    public async Task A_Spanish_preferring_admin_reads_the_transcripts_chrome_in_Spanish_and_the_messages_as_written()
    {
        var conversation = await ConversationAsync();
        var id = await StaffWebSession.CreateReadyAccountAsync(factory, "valeria@befree.test", Password, StaffRoles.Admin);
        Assert.True(await factory.Get<StaffPreferencesService>().SaveAsync(id, new StaffPreferences { Language = WorkstationLanguage.Spanish }));
        using var valeria = await StaffWebSession.SignInAsync(factory, "valeria@befree.test", Password);
        using var admin = await StaffWebSession.SignInAsync(factory, TestAccounts.AdminEmail, TestAccounts.AdminPassword);

        var spanish = await ShownAsync(await valeria.GetAsync($"/transcripts/{conversation}"));
        var english = await ShownAsync(await admin.GetAsync($"/transcripts/{conversation}"));

        Assert.Contains($"Transcripción BEFREE-{conversation}", spanish);
        Assert.Contains("Persona que escribe", spanish);
        Assert.Contains("BeFree (automático)", spanish);
        Assert.Contains("Imprimir", spanish);
        Assert.Contains("Resultado", spanish);
        Assert.Contains("Esta consulta queda registrada en el registro de auditoría.", spanish);
        Assert.DoesNotContain("Texter", spanish);
        Assert.Contains($"Transcript BEFREE-{conversation}", english);
        Assert.Contains("BeFree (automatic)", english);
        Assert.Contains("This view is recorded in the audit log.", english);
        foreach (var page in new[] { spanish, english })
        {
            // The words people wrote stay as written, and the one numeric date form reads the same in both.
            Assert.Contains("my boss keeps my passport", page);
            Assert.Contains("Thanks for reaching out", page);
            Assert.Contains(Started.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), page);
        }
    }

    [Fact]
    public async Task The_reconnect_dialog_replaces_Blazors_English_one_in_the_pages_language()
    {
        using var spanishBrowser = Browser(spanish: true);
        using var englishBrowser = Browser(spanish: false);

        var spanish = await ShownAsync(await spanishBrowser.GetAsync("/Account/Login"));
        var english = await ShownAsync(await englishBrowser.GetAsync("/Account/Login"));

        // Blazor uses an element with this id instead of its own dialog, and writes the seconds into the span.
        Assert.Contains("id=\"components-reconnect-modal\"", spanish);
        Assert.Contains("Reconectando con el servidor…", spanish);
        Assert.Matches("Se intentará de nuevo en <span id=\"components-seconds-to-next-attempt\"[^>]*></span> s\\.", spanish);
        Assert.Contains("Reintentar", spanish);
        Assert.Contains("Rejoining the server…", english);
        Assert.Matches("Trying again in <span id=\"components-seconds-to-next-attempt\"[^>]*></span> s\\.", english);
    }

    private static readonly DateTime Started = DateTime.UtcNow.Date.AddDays(-1).AddHours(15);

    private async Task<int> ConversationAsync()
    {
        var conversation = new Conversation
        {
            Texter = new Texter { PhoneNumber = "+15557650099", FirstSeenUtc = Started },
            Status = ConversationStatus.Closed,
            CreatedUtc = Started,
            QueuedUtc = Started,
            LastMessageUtc = Started,
            ClosedUtc = Started.AddHours(1),
            Risk = RiskLevel.High,
            Disposition = "Substantive case",
        };
        conversation.Messages.Add(new Message
        {
            Direction = MessageDirection.Inbound,
            Origin = MessageOrigin.Texter,
            Body = "my boss keeps my passport",
            CreatedUtc = Started,
            Status = MessageStatus.Received,
            StatusUpdatedUtc = Started,
            TwilioSid = "SM" + Guid.NewGuid().ToString("N"),
        });
        conversation.Messages.Add(new Message
        {
            Direction = MessageDirection.Outbound,
            Origin = MessageOrigin.Automatic,
            Body = "Thanks for reaching out. An advocate will answer soon.",
            CreatedUtc = Started.AddMinutes(1),
            Status = MessageStatus.Delivered,
            StatusUpdatedUtc = Started.AddMinutes(1),
            TwilioSid = "SM" + Guid.NewGuid().ToString("N"),
        });
        await using var db = await factory.CreateDbContextAsync();
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string oldPassword, string newPassword, string? confirm = null)
        => PostFormAsync(client, "/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = oldPassword,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = confirm ?? newPassword,
        });

    /// <summary>The message under a field, as a screen reader finds it.</summary>
    private static string? FieldError(string html, string id) => HtmlPage.Parse(html).GetElementById($"{id}-error")?.TextContent.Trim();
}
