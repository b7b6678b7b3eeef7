using System.Net;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web;

public sealed class StartupTests : IClassFixture<BeFreeWebFactory>
{
    private readonly BeFreeWebFactory _factory;

    public StartupTests(BeFreeWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Healthz_answers_200_when_the_database_answers()
    {
        var response = await _factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Startup_applies_migrations_creates_roles_and_the_bootstrap_admin()
    {
        _factory.CreateClient();
        await using var db = await _factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var roles = await db.Roles.Select(r => r.Name).ToListAsync();
        Assert.Equal(StaffRoles.All.Order(), roles.Order());
        var admin = await db.Users.SingleAsync();
        Assert.Equal(TestAccounts.AdminEmail, admin.Email);
        Assert.True(admin.TwoFactorExempt);
    }

    [Fact]
    public async Task Staff_pages_redirect_anonymous_visitors_to_sign_in()
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Once_an_account_exists_the_setup_page_answers_404_with_the_not_found_page()
    {
        var response = await _factory.CreateClient().GetAsync("/setup?token=0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync());
    }
}
