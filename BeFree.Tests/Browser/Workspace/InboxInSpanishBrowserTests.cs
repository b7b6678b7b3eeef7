using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Browser.Workspace;

/// <summary>
/// An advocate switches the workstation to Spanish from the preferences menu: the page reloads in Spanish, and what
/// arrives live afterwards (a new text in the queue) is shown in Spanish too, in the same circuit; the advocate then
/// claims it and answers in a Spanish reply box beside Spanish context sections.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxInSpanishBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private WorkspaceBrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await WorkspaceBrowserSession.StartAsync(browser);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Choosing_Spanish_reloads_the_inbox_in_Spanish_and_live_texts_arrive_and_are_answered_in_Spanish()
    {
        var admin = await _session.SignedInAdminAsync();
        var advocate = await _session.SignedInAdvocateAsync(admin, "sofia@befree.test", "Sofia Advocate");
        await Expect(advocate).ToHaveURLAsync(new Regex("/inbox$"));
        await Expect(advocate.GetByTestId("inbox-page")).ToHaveAttributeAsync("data-live", "true");
        await Expect(advocate.GetByRole(AriaRole.Heading, new() { Name = "My conversations" })).ToBeVisibleAsync();

        await advocate.GetByTestId("preferences-menu").Locator("button").First.ClickAsync();
        await advocate.GetByTestId("language-es-US").ClickAsync();

        await Expect(advocate.GetByRole(AriaRole.Heading, new() { Name = "Mis conversaciones" })).ToBeVisibleAsync();
        await Expect(advocate.GetByTestId("inbox-page")).ToHaveAttributeAsync("data-live", "true");
        await Expect(advocate.GetByTestId("sign-out")).ToHaveTextAsync("Cerrar sesión");
        await Expect(advocate.GetByTestId("nav-inbox")).ToContainTextAsync("Bandeja de entrada");
        var cookies = await advocate.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == ".AspNetCore.Culture" && c.Value == "c%3Des-US%7Cuic%3Des-US");

        var phone = WorkspaceBrowserSession.NewPhoneNumber();
        var response = await _session.PostInboundTextAsync(phone, "necesito ayuda, me quitaron el pasaporte");
        Assert.True(response.IsSuccessStatusCode, $"The webhook answered {(int)response.StatusCode}.");

        // Delivered live on the queue's own thread, rendered in this circuit's language.
        var row = advocate.Locator("[data-testid^=inbox-queue-row-]", new() { HasText = "me quitaron el pasaporte" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(advocate.GetByTestId("inbox-queue-count")).ToHaveTextAsync("1 en espera");
        await Expect(row.Locator("time")).ToHaveTextAsync("ahora mismo");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Reclamar" })).ToBeVisibleAsync();
        await Expect(advocate.GetByTestId("alerts-announcement")).ToHaveTextAsync("Una conversación nueva está en espera en la cola.");
        await Expect(advocate.Locator("html")).ToHaveAttributeAsync("lang", "es");

        await row.GetByRole(AriaRole.Button, new() { Name = "Reclamar" }).ClickAsync();

        await Expect(advocate.GetByTestId("conversation-status")).ToHaveTextAsync("Asignada a usted");
        await Expect(advocate.GetByTestId("inbox-thread").Locator(".thread-sender").First).ToHaveTextAsync("Persona que escribe");
        await Expect(advocate.GetByTestId("context-section-actions")).ToContainTextAsync("Acciones");
        await Expect(advocate.GetByTestId("release")).ToHaveTextAsync("Devolver a la cola");
        await advocate.GetByTestId("reply-text").FillAsync("Hola, estamos para ayudarle.");
        await Expect(advocate.GetByTestId("segment-count")).ToHaveTextAsync("28 caracteres · 1 segmento SMS (GSM-7, quedan 132 en este)");
        await advocate.GetByTestId("reply-send").ClickAsync();
        await Expect(advocate.GetByTestId("inbox-thread")).ToContainTextAsync("Hola, estamos para ayudarle.");
        await Expect(advocate.GetByTestId("segment-count")).ToHaveTextAsync("0 caracteres · 0 segmentos SMS (GSM-7, quedan 160 en este)");
    }
}
