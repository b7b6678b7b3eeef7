using System.Net;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Staff;

public sealed class StaffPageAccessTests : IClassFixture<BeFreeWebFactory>
{
    private const string AdvocatePassword = "lantern-quiet-harvest-32";
    private readonly BeFreeWebFactory _factory;

    public StaffPageAccessTests(BeFreeWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/admin/staff")]
    [InlineData("/admin/audit")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location!.Query);
    }

    [Theory]
    [InlineData("/admin/staff", StaffRoles.Advocate)]
    [InlineData("/admin/audit", StaffRoles.Advocate)]
    [InlineData("/admin/staff", StaffRoles.ShiftLead)]
    [InlineData("/admin/audit", StaffRoles.ShiftLead)]
    public async Task Staff_without_the_Admin_role_see_access_denied_and_no_data(string path, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@befree.test";
        await StaffWebSession.CreateReadyAccountAsync(_factory, email, AdvocatePassword, role);
        var client = await StaffWebSession.SignInAsync(_factory, email, AdvocatePassword);

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("/Account/AccessDenied", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Access denied", html);
        Assert.DoesNotContain("data-testid=\"staff-grid\"", html);
        Assert.DoesNotContain("data-testid=\"audit-grid\"", html);
        Assert.DoesNotContain(TestAccounts.AdminEmail, html);
    }

    [Fact]
    public async Task The_admin_gets_the_staff_page_with_the_staff_list()
    {
        var advocateEmail = $"listed-{Guid.NewGuid():N}@befree.test";
        await StaffWebSession.CreateReadyAccountAsync(_factory, advocateEmail, AdvocatePassword, StaffRoles.Advocate);
        var client = await StaffWebSession.SignInAsync(_factory, TestAccounts.AdminEmail, TestAccounts.AdminPassword);

        var response = await client.GetAsync("/admin/staff");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/admin/staff", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("data-testid=\"staff-grid\"", html);
        Assert.Contains($"data-testid=\"staff-row-{TestAccounts.AdminEmail}\"", html);
        Assert.Contains($"data-testid=\"staff-row-{advocateEmail}\"", html);
        Assert.Contains("data-testid=\"new-staff-email\"", html);
        Assert.DoesNotContain("Access denied", html);
    }

    [Fact]
    public async Task The_admin_gets_the_audit_log_page()
    {
        var client = await StaffWebSession.SignInAsync(_factory, TestAccounts.AdminEmail, TestAccounts.AdminPassword);

        var response = await client.GetAsync("/admin/audit");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"audit-grid\"", html);
        Assert.Contains("data-testid=\"audit-filter\"", html);
        Assert.DoesNotContain("Access denied", html);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var email = $"disabled-{Guid.NewGuid():N}@befree.test";
        var id = await StaffWebSession.CreateReadyAccountAsync(_factory, email, AdvocatePassword, StaffRoles.Advocate);
        var adminId = await StaffWebSession.BootstrapAdminIdAsync(_factory);

        await _factory.Get<StaffAdministration>().SetActiveAsync(adminId, id, active: false);

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
            var user = (await signIn.UserManager.FindByIdAsync(id))!;
            Assert.False(await signIn.CanSignInAsync(user));
        }
        var client = _factory.CreateClient();
        var response = await StaffWebSession.PostLoginAsync(client, email, AdvocatePassword);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This account is disabled", html);
        Assert.Equal("/Account/Login", response.RequestMessage!.RequestUri!.AbsolutePath);

        await _factory.Get<StaffAdministration>().SetActiveAsync(adminId, id, active: true);
        var signedIn = await StaffWebSession.SignInAsync(_factory, email, AdvocatePassword);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_page_loaded_after_the_account_was_disabled_goes_to_sign_in_saying_the_session_has_ended()
    {
        var email = $"ended-{Guid.NewGuid():N}@befree.test";
        var id = await StaffWebSession.CreateReadyAccountAsync(_factory, email, AdvocatePassword, StaffRoles.Advocate);
        var adminId = await StaffWebSession.BootstrapAdminIdAsync(_factory);
        var advocate = await StaffWebSession.SignInAsync(_factory, email, AdvocatePassword);
        Assert.Equal("/inbox", (await advocate.GetAsync("/inbox")).RequestMessage!.RequestUri!.AbsolutePath);

        await _factory.Get<StaffAdministration>().SetActiveAsync(adminId, id, active: false);
        var response = await advocate.GetAsync("/inbox");

        var landed = response.RequestMessage!.RequestUri!;
        Assert.Equal("/Account/Login", landed.AbsolutePath);
        Assert.Contains("ended=1", landed.Query);
        Assert.Contains("ReturnUrl=%2Finbox", landed.Query);
        Assert.Contains("Your session has ended", HtmlPage.VisibleText(await response.Content.ReadAsStringAsync()));

        // Someone who was never signed in is only asked to sign in.
        var stranger = _factory.CreateClient();
        var strangers = await stranger.GetAsync("/inbox");
        Assert.Equal("/Account/Login", strangers.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("ended=1", strangers.RequestMessage.RequestUri.Query);
        Assert.DoesNotContain("session has ended", HtmlPage.VisibleText(await strangers.Content.ReadAsStringAsync()));
    }
}
