using System.Net;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Staff;

namespace BeFree.Tests.Web.Observability;

/// <summary>On the public port, <c>/metrics</c> exists only for a signed-in Admin.</summary>
public sealed class MetricsEndpointTests(BeFreeWebFactory factory) : IClassFixture<BeFreeWebFactory>
{
    private const string Password = "harbour-lantern-quiet-88";

    [Fact]
    public async Task An_anonymous_request_gets_404_and_no_figures()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("befree_", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(StaffRoles.Advocate)]
    [InlineData(StaffRoles.ShiftLead)]
    public async Task Staff_without_the_Admin_role_get_404(string role)
    {
        var email = $"metrics-{role.ToLowerInvariant()}-{Guid.NewGuid():N}@befree.test";
        await StaffWebSession.CreateReadyAccountAsync(factory, email, Password, role);
        var client = await StaffWebSession.SignInAsync(factory, email, Password);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("befree_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_admin_gets_the_prometheus_figures()
    {
        var client = await StaffWebSession.SignInAsync(factory, TestAccounts.AdminEmail, TestAccounts.AdminPassword);

        var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("befree_queue_length", body);
        Assert.Contains("befree_queue_oldest_wait_seconds", body);
        Assert.Contains("befree_outbound_state=\"queued\"", body);
        Assert.Contains("befree_screens_open", body);
        // ASP.NET Core's own request metrics are left out: collecting them cost every request about half a CPU millisecond.
        Assert.DoesNotContain("http_server_request_duration_seconds", body);
    }
}
