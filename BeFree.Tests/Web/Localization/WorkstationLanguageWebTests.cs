using System.Net;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Staff;
using Microsoft.AspNetCore.Localization;

namespace BeFree.Tests.Web.Localization;

/// <summary>Over HTTP: each page request runs in the signed-in person's language, read from their account.</summary>
public sealed class WorkstationLanguageWebTests(BeFreeWebFactory factory) : IClassFixture<BeFreeWebFactory>
{
    private const string Password = "amber-ridge-falcon-63";

    [Fact]
    public async Task The_inbox_comes_in_the_language_each_advocate_chose()
    {
        var spanishId = await StaffWebSession.CreateReadyAccountAsync(factory, "sofia@befree.test", Password, StaffRoles.Advocate);
        await StaffWebSession.CreateReadyAccountAsync(factory, "emma@befree.test", Password, StaffRoles.Advocate);
        Assert.True(await factory.Get<StaffPreferencesService>().SaveAsync(spanishId, new StaffPreferences { Language = WorkstationLanguage.Spanish }));

        using var sofia = await StaffWebSession.SignInAsync(factory, "sofia@befree.test", Password);
        var response = await sofia.GetAsync("/inbox");
        // Blazor writes letters such as ó as character references: read the text as a browser shows it.
        var spanishPage = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        using var emma = await StaffWebSession.SignInAsync(factory, "emma@befree.test", Password);
        var englishPage = await emma.GetStringAsync("/inbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mis conversaciones", spanishPage);
        Assert.Contains("Bandeja de entrada", spanishPage);
        Assert.Contains("Cerrar sesión", spanishPage);
        Assert.DoesNotContain("My conversations", spanishPage);
        Assert.Contains("My conversations", englishPage);
        Assert.Contains("Sign out", englishPage);
        // Screen readers and the browser's spell checker read the page in the person's language.
        Assert.Contains("<html lang=\"es\">", spanishPage);
        Assert.Contains("<html lang=\"en\">", englishPage);
    }

    [Fact]
    public async Task Before_sign_in_a_page_speaks_the_language_this_browser_last_used()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/not-found");
        request.Headers.Add("Cookie", CookieRequestCultureProvider.DefaultCookieName + "=c%3Des-US%7Cuic%3Des-US");

        var spanish = WebUtility.HtmlDecode(await (await client.SendAsync(request)).Content.ReadAsStringAsync());
        var english = await client.GetStringAsync("/not-found");

        Assert.Contains("Página no encontrada", spanish);
        Assert.Contains("There is no page at this address.", english);
        Assert.Contains("<html lang=\"es\">", spanish);
    }

    [Fact]
    public async Task The_sign_in_page_speaks_the_language_this_browser_last_used_and_keeps_its_form()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("Cookie", CookieRequestCultureProvider.DefaultCookieName + "=c%3Des-US%7Cuic%3Des-US");

        var spanish = WebUtility.HtmlDecode(await (await client.SendAsync(request)).Content.ReadAsStringAsync());
        var english = WebUtility.HtmlDecode(await client.GetStringAsync("/Account/Login"));

        Assert.Contains("<title>Iniciar sesión · BeFree</title>", spanish);
        Assert.Contains("Contraseña", spanish);
        Assert.Contains("Iniciar sesión con una llave de acceso", spanish);
        Assert.Contains("¿Olvidó su contraseña o perdió su autenticador?", spanish);
        Assert.DoesNotContain("Forgot your password", spanish);
        Assert.Contains("Forgot your password or lost your authenticator?", english);
        // Only the words change: the form still posts the same fields and the tests find the same buttons.
        foreach (var page in new[] { spanish, english })
        {
            Assert.Contains("name=\"Input.Email\"", page);
            Assert.Contains("name=\"Input.Password\"", page);
            Assert.Contains("data-testid=\"sign-in\"", page);
            Assert.Contains("data-testid=\"passkey-sign-in\"", page);
        }
    }
}
