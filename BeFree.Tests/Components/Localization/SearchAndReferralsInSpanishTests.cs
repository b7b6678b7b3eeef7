using System.Security.Claims;
using BeFree.Core.Referrals;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Referrals;
using BeFree.Web.Components.Pages.Search;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Tests.Components.Localization;

/// <summary>The search page and the services page for a shift lead who works in Spanish.</summary>
public sealed class SearchAndReferralsInSpanishTests : WorkspaceComponentTests
{
    private string _lead = null!;
    private int _conversation;

    protected override async Task ArrangeAsync()
    {
        _lead = await Host.CreateLeadAsync("Lucía");
        var advocate = await Host.CreateAdvocateAsync("Avery");
        _conversation = await Host.CreateConversationAsync("mi patrón tiene mi pasaporte", assignedTo: advocate);
        await Host.Get<ReferralDirectory>().CreateAsync(_lead, new SupportServiceInput("Casa Segura Shelter", "Rosa", ServiceKind.Shelter, true, null, null,
            ["en", "es"], "800-555-0199", "24/7", null));
    }

    private IRenderedComponent<T> RenderAsLead<T>() where T : IComponent
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, _lead), new Claim(ClaimTypes.Role, StaffRoles.ShiftLead)], "Test"));
        return Render<T>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))).AddCascadingValue(CurrentStaff.From(user)));
    }

    [Fact]
    public async Task The_search_page_in_Spanish_labels_its_filters_and_results_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var page = RenderAsLead<SearchPage>();
        Assert.Equal("Buscar conversaciones", page.Find("h1").TextContent);
        Assert.Equal("Buscar", page.Find("[data-testid=search-submit]").TextContent.Trim());
        Assert.Contains("Palabras en los mensajes", page.Markup);

        await page.Find("[data-testid=search-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Single(page.FindAll($"[data-testid=search-result-{_conversation}]")), Patience);
        Assert.Equal("1 conversación(es)", page.Find("[data-testid=search-count]").TextContent);
        Assert.Equal(["Referencia", "Persona que escribe", "Inicio", "Estado", "Riesgo", "Idioma", "Resultado"],
            page.FindAll("[data-testid=search-results] thead th").Select(th => th.TextContent));
        Assert.DoesNotContain("conversation(s)", page.Markup);
    }

    [Fact]
    public async Task The_services_page_in_Spanish_names_kinds_and_languages_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var page = RenderAsLead<ReferralsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=referrals-table] tbody tr")), Patience);
        Assert.Equal("Servicios para referir", page.Find("h1").TextContent);
        var row = page.Find("[data-testid=referrals-table] tbody tr");
        Assert.Contains("Albergue", row.TextContent);
        Assert.Contains("Inglés, Español", row.TextContent);
        Assert.Equal("Desactivar", page.FindAll("[data-testid^=referral-toggle-]").Single().TextContent.Trim());
        Assert.Equal("Agregar un servicio", page.Find("#referral-editor-heading").TextContent);
        Assert.Equal("1 servicio(s)", page.Find("[data-testid=referrals-table] caption").TextContent);
        await Task.CompletedTask;
    }
}
