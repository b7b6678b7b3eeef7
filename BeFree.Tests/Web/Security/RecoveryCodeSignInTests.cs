using System.Net;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Security;

/// <summary>The second sign-in step with a recovery code instead of the authenticator, posted as a browser posts the form.</summary>
public sealed class RecoveryCodeSignInTests(BeFreeWebFactory factory) : IClassFixture<BeFreeWebFactory>
{
    [Fact]
    public async Task A_recovery_code_completes_the_sign_in_once_and_a_wrong_one_says_so()
    {
        const string email = "rae.recovery@befree.test";
        var user = await StaffTestData.CreateStaffAsync(factory.Services, email, "Rae Recovery", [StaffRoles.Advocate], twoFactorEnabled: true);
        string code;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var staff = (await users.FindByIdAsync(user.Id))!;
            await users.ResetAuthenticatorKeyAsync(staff);
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync(staff, 2))!.First();
        }

        // Without the password step first, the page sends the visitor to sign in.
        using (var stranger = factory.CreateDefaultClient(new CookieContainerHandler(new CookieContainer())))
        {
            var direct = await stranger.GetAsync("/Account/LoginWithRecoveryCode");
            Assert.Equal(HttpStatusCode.Redirect, direct.StatusCode);
            Assert.Equal("/Account/Login", Path(direct));
        }

        using var client = factory.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        Assert.Equal("/Account/LoginWith2fa", Path(await StaffTestData.SignInAsync(client, email, StaffTestData.Password)));

        var wrong = await PostCodeAsync(client, "ABCDE-FGHIJ");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("Error: Invalid recovery code.", HtmlPage.ErrorMessage(await wrong.Content.ReadAsStringAsync()));

        // Typed with spaces, as people copy it from paper.
        var right = await PostCodeAsync(client, $" {code[..3]} {code[3..]} ");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.DoesNotContain("/Account/", Path(right));
        var home = await client.GetAsync("/");
        Assert.False(home.StatusCode == HttpStatusCode.Redirect && Path(home) == "/Account/Login", "The recovery code signed the person in.");

        // A used code is spent.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            Assert.Equal(1, await users.CountRecoveryCodesAsync((await users.FindByIdAsync(user.Id))!));
        }
    }

    private static string Path(HttpResponseMessage response) => new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath;

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code)
    {
        var token = HtmlPage.AntiforgeryToken(await client.GetStringAsync("/Account/LoginWithRecoveryCode"));
        Assert.NotNull(token);
        return await client.PostAsync("/Account/LoginWithRecoveryCode", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [HtmlPage.AntiforgeryField] = token,
            ["_handler"] = "login-with-recovery-code",
            ["Input.RecoveryCode"] = code,
        }));
    }
}
