using BeFree.Core.Staff;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Staff;

/// <summary>Signs in over HTTP exactly as a browser posts the static sign-in form, and makes ready test accounts.</summary>
public static class StaffWebSession
{
    /// <summary>A client with its own cookie jar, signed in through /Account/Login.</summary>
    public static async Task<HttpClient> SignInAsync(BeFreeWebFactory factory, string email, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = true });
        var response = await PostLoginAsync(client, email, password);
        var body = await response.Content.ReadAsStringAsync();
        if (response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"Sign-in as {email} did not leave the sign-in page: {ErrorOf(body)}");
        }
        return client;
    }

    /// <summary>GETs the form for its antiforgery token, then POSTs it; follows the redirect the page answers with.</summary>
    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
        => StaffTestData.SignInAsync(client, email, password);

    public static string ErrorOf(string html) => HtmlPage.ErrorMessage(html) ?? "(no error shown)";

    /// <summary>
    /// Creates an account through StaffAdministration as the bootstrap Admin, then gives it a known
    /// password of its own and (for leads and admins) marks 2FA as set up, so it can sign in straight away.
    /// </summary>
    public static async Task<string> CreateReadyAccountAsync(BeFreeWebFactory factory, string email, string password, params string[] roles)
    {
        var adminId = await BootstrapAdminIdAsync(factory);
        var created = await factory.Get<StaffAdministration>().CreateAsync(adminId, new NewStaff(email, $"Test {roles[0]}", roles));
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(created.StaffId) ?? throw new InvalidOperationException();
        Check(await users.ChangePasswordAsync(user, created.Password, password));
        user.MustChangePassword = false;
        user.TwoFactorExempt = roles.Any(StaffRoles.RequiringTwoFactor.Contains);
        Check(await users.UpdateAsync(user));
        return user.Id;
    }

    public static async Task<string> BootstrapAdminIdAsync(BeFreeWebFactory factory)
    {
        factory.CreateClient().Dispose(); // starts the app, which creates the bootstrap Admin
        await using var db = await factory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == TestAccounts.AdminEmail).Select(u => u.Id).SingleAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
