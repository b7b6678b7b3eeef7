using System.Net;
using BeFree.Core.Staff;
using BeFree.Tests.Web.Staff;
using BeFree.Tests.Web.Twilio.Support;

namespace BeFree.Tests.Web.Reach;

/// <summary>Who may open the services, search and CRM pages, over HTTP as a browser would.</summary>
public sealed class ReachPagesAccessTests : IClassFixture<SimulatedTwilioFactory>
{
    private const string Password = "amber-willow-signal-73";
    private readonly SimulatedTwilioFactory _factory;

    public ReachPagesAccessTests(SimulatedTwilioFactory factory) => _factory = factory;

    private async Task<HttpClient> SignedInAsync(params string[] roles)
    {
        var email = $"reach-{Guid.NewGuid():N}@befree.test";
        await StaffWebSession.CreateReadyAccountAsync(_factory, email, Password, roles);
        return await StaffWebSession.SignInAsync(_factory, email, Password);
    }

    [Theory]
    [InlineData("/referrals")]
    [InlineData("/search")]
    [InlineData("/admin/crm")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_advocate_reads_the_services_but_is_denied_search_and_crm()
    {
        var client = await SignedInAsync(StaffRoles.Advocate);

        var services = await client.GetStringAsync("/referrals");
        Assert.Contains("data-testid=\"referrals-table\"", services);
        Assert.DoesNotContain("data-testid=\"referral-editor\"", services);
        var search = await client.GetStringAsync("/search");
        Assert.Contains("Access denied", search);
        Assert.DoesNotContain("data-testid=\"search-form\"", search);
        var crm = await client.GetStringAsync("/admin/crm");
        Assert.Contains("Access denied", crm);
        Assert.DoesNotContain("data-testid=\"crm-endpoints\"", crm);
    }

    [Fact]
    public async Task A_lead_searches_and_an_admin_opens_the_crm_page()
    {
        var lead = await SignedInAsync(StaffRoles.ShiftLead);
        Assert.Contains("data-testid=\"search-form\"", await lead.GetStringAsync("/search"));
        Assert.Contains("Access denied", await lead.GetStringAsync("/admin/crm"));

        var admin = await SignedInAsync(StaffRoles.Admin);
        Assert.Contains("data-testid=\"crm-endpoints\"", await admin.GetStringAsync("/admin/crm"));
    }
}
