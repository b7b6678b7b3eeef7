using System.Globalization;
using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Crm;
using BeFree.Core.Referrals;
using BeFree.Core.Search;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Admin;
using BeFree.Web.Components.Pages.Conversations;
using BeFree.Web.Components.Pages.Referrals;
using BeFree.Web.Components.Pages.Search;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BeFree.Tests.Components;

/// <summary>The referral panel, the services page, search and the CRM page on the real Core services.</summary>
public sealed class ReachPagesTests : WorkspaceComponentTests
{
    private string _advocate = null!;
    private string _lead = null!;
    private string _admin = null!;
    private int _conversation;

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Avery");
        _lead = await Host.CreateLeadAsync("Lee");
        _admin = await Host.CreateStaffAsync("Ada", [StaffRoles.Admin]);
        _conversation = await Host.CreateConversationAsync("mi patrón tiene mi pasaporte", phone: "+15550104321", assignedTo: _advocate);
        await Host.Get<ReferralDirectory>().CreateAsync(_lead, new SupportServiceInput("Casa Segura Shelter", "Rosa", ServiceKind.Shelter, true, null, null,
            ["en", "es"], "800-555-0199", "24/7", null));
    }

    private static ChangeEventArgs Value(object value) => new() { Value = value };

    private IRenderedComponent<T> RenderAs<T>(string staffId, params string[] roles) where T : IComponent
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, staffId) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
        // As the router and the layout cascade them: pages read CurrentStaff, a few still the authentication state.
        return Render<T>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))).AddCascadingValue(CurrentStaff.From(user)));
    }

    [Fact]
    public async Task The_advocate_sends_a_referral_from_the_panel_in_neutral_wording()
    {
        var panel = await RenderPanelAsync<ReferralSendPanel>(_advocate, _conversation);

        await panel.Find("form").SubmitAsync();
        var id = (await Host.Get<ReferralDirectory>().SearchAsync(_advocate)).Single().Id;
        await panel.ChooseAsync<int?>("referral-service", id);
        Assert.Equal("You can call Rosa at 800-555-0199 (24/7).", panel.Find("[data-testid=referral-text]").GetAttribute("value"));

        await panel.Find("[data-testid=referral-text]").InputAsync(Value("Call the shelter"));
        Assert.Contains("shelter", panel.Find("[data-testid=referral-wording-warning]").TextContent);
        Assert.True(panel.Find("[data-testid=referral-send]").HasAttribute("disabled"));

        await panel.Find("[data-testid=referral-text]").InputAsync(Value("You can call Rosa at 800-555-0199."));
        await panel.Find("[data-testid=referral-send]").ClickAsync(new MouseEventArgs());

        panel.WaitForAssertion(() => Assert.Contains("sent", panel.Find("[data-testid=referral-notice]").TextContent), Patience);
        Assert.Contains(Host.Outbound.Sent, s => s.Body == "You can call Rosa at 800-555-0199.");
        Assert.Single(panel.FindAll("[data-testid^=referral-sent-]"));
    }

    [Fact]
    public async Task A_lead_adds_a_service_and_a_non_neutral_name_is_refused_with_the_words()
    {
        var page = RenderAs<ReferralsPage>(_lead, StaffRoles.ShiftLead);
        await page.Find("[data-testid=svc-name]").InputAsync(Value("Workers' Rights Center"));
        await page.Find("[data-testid=svc-neutral]").InputAsync(Value("Rights Center"));
        Assert.Contains("rights", page.Find("[data-testid=svc-neutral-warning]").TextContent);
        var kind = page.FindComponent<MudSelect<ServiceKind>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(ServiceKind.LaborRights));
        await page.Find("[data-testid=svc-state]").InputAsync(Value("CA"));
        await page.Find("[data-testid=svc-phone]").InputAsync(Value("213-555-0100"));
        await page.Find("[data-testid=svc-save]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("rights", page.Find("[data-testid=referrals-error]").TextContent), Patience);

        await page.Find("[data-testid=svc-neutral]").InputAsync(Value("Luis"));
        await page.Find("[data-testid=svc-save]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("added", page.Find("[data-testid=referrals-notice]").TextContent), Patience);
        Assert.Contains(await Host.Get<ReferralDirectory>().SearchAsync(_lead, state: "CA"), s => s.NeutralName == "Luis" && s.Kind == ServiceKind.LaborRights);
    }

    [Fact]
    public async Task An_advocate_sees_the_services_but_no_editor()
    {
        var page = RenderAs<ReferralsPage>(_advocate, StaffRoles.Advocate);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=referrals-table] tbody tr")), Patience);
        Assert.Empty(page.FindAll("[data-testid=referral-editor]"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_lead_searches_by_words_and_sees_the_masked_reference_list()
    {
        var page = RenderAs<SearchPage>(_lead, StaffRoles.ShiftLead);
        await page.Find("[data-testid=search-words]").InputAsync(Value("PASAPORTE"));
        await page.Find("[data-testid=search-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Single(page.FindAll($"[data-testid=search-result-{_conversation}]")), Patience);
        Assert.Contains($"BEFREE-{_conversation}", page.Markup);
        Assert.NotEmpty(page.FindAll("[data-testid=search-language]"));
        Assert.DoesNotContain("pasaporte", page.Markup);
        Assert.DoesNotContain("5550104321", page.Markup);
        Assert.Single(await Host.AuditAsync(SearchAuditActions.ConversationsSearched));
        var language = (await Host.Get<ConversationSearch>().SearchAsync(_lead, new(Reference: _conversation.ToString(CultureInfo.InvariantCulture)))).Results.Single().Language;
        Assert.Contains(language.DisplayName(), page.Find($"[data-testid=search-result-{_conversation}]").TextContent);
    }

    [Fact]
    public async Task An_admin_adds_an_endpoint_sees_its_secret_once_and_replays_a_delivery()
    {
        var page = RenderAs<CrmPage>(_admin, StaffRoles.Admin);
        await page.Find("[data-testid=crm-name]").InputAsync(Value("Salesforce"));
        await page.Find("[data-testid=crm-url]").InputAsync(Value("https://crm.example.org/befree"));
        await page.Find("[data-testid=crm-save]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("whsec_", page.Find("[data-testid=crm-secret]").TextContent), Patience);

        await using (var db = await Host.DbAsync())
        {
            var endpoint = await db.CrmEndpoints.SingleAsync();
            var ev = new CrmEvent { Type = CrmEventTypes.ConversationClosed, ConversationId = _conversation, OccurredUtc = DateTime.UtcNow, FannedOutUtc = DateTime.UtcNow };
            db.CrmEvents.Add(ev);
            await db.SaveChangesAsync();
            db.CrmDeliveries.Add(new CrmDelivery { EventId = ev.Id, EndpointId = endpoint.Id, Status = CrmDeliveryStatus.Failed, Attempts = 8,
                NextAttemptUtc = DateTime.UtcNow, CreatedUtc = DateTime.UtcNow, LastError = "HTTP 503" });
            await db.SaveChangesAsync();
        }
        var filter = page.FindComponent<MudSelect<CrmDeliveryStatus?>>();
        await page.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(CrmDeliveryStatus.Failed));
        var replay = page.WaitForElement("[data-testid^=crm-replay-]", Patience);
        await replay.ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("sent again", page.Find("[data-testid=crm-notice]").TextContent), Patience);
        Assert.Single(await Host.AuditAsync(CrmAuditActions.DeliveryReplayed));
    }
}
