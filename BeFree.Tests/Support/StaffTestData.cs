using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Support;

/// <summary>Staff accounts and HTTP sign-in for integration tests.</summary>
public static class StaffTestData
{
    public const string Password = "quiet-meadow-copper-41";

    /// <summary>Creates an active account directly (as an Admin would), without the first-password-change step.</summary>
    public static async Task<StaffUser> CreateStaffAsync(IServiceProvider services, string email, string displayName,
        string[] roles, bool twoFactorEnabled = false, bool mustChangePassword = false, int capacity = StaffDefaults.MaxConcurrentConversations)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            MustChangePassword = mustChangePassword,
            MaxConcurrentConversations = capacity,
            TwoFactorEnabled = twoFactorEnabled,
            CreatedUtc = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        return user;
    }

    /// <summary>Posts the static sign-in form like a browser (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = HtmlPage.AntiforgeryToken(await client.GetStringAsync("/Account/Login"));
        Assert.True(token is not null, "The sign-in form carries an antiforgery token.");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [HtmlPage.AntiforgeryField] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }
}
