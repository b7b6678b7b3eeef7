using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Security;

/// <summary>The enrolment gate and the passkey endpoints over HTTP (the ceremony itself runs in the browser tests).</summary>
public sealed class PasskeyGateTests(BeFreeWebFactory factory) : IClassFixture<BeFreeWebFactory>
{
    private HttpClient NewClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task AddPasskeyAsync(string staffId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var passkey = new UserPasskeyInfo(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(77), DateTimeOffset.UtcNow, 0,
            ["internal"], true, false, false, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(16));
        await scope.ServiceProvider.GetRequiredService<StaffSecondFactors>().AddPasskeyAsync(staffId, passkey);
    }

    [Fact]
    public async Task A_lead_with_a_passkey_and_no_authenticator_app_is_past_the_gate_but_must_sign_in_with_the_passkey()
    {
        var lead = await StaffTestData.CreateStaffAsync(factory.Services, "lead.passkey.gate@befree.test", "Lead With Passkey", [StaffRoles.ShiftLead]);
        await AddPasskeyAsync(lead.Id);

        // The session a passkey sign-in issues carries no pending enrolment step.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>()
                .CreateAsync((await users.FindByIdAsync(lead.Id))!);
            Assert.False(StaffClaims.HasPendingStep(principal));
        }

        // A password alone is one factor: refused, even though it is right.
        var client = NewClient();
        var response = await StaffTestData.SignInAsync(client, lead.Email!, StaffTestData.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("signs in with a passkey", HtmlPage.ErrorMessage(await response.Content.ReadAsStringAsync()));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("BeFree.Session=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/board")).StatusCode);
    }

    [Fact]
    public async Task Without_a_passkey_the_lead_is_held_at_enrolment()
    {
        var lead = await StaffTestData.CreateStaffAsync(factory.Services, "lead.nopasskey.gate@befree.test", "Lead Without Passkey", [StaffRoles.ShiftLead]);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>()
            .CreateAsync((await users.FindByIdAsync(lead.Id))!);
        Assert.True(principal.HasClaim(c => c.Type == StaffClaims.MustEnrolTwoFactor));
    }

    [Fact]
    public async Task A_lead_who_must_enrol_may_register_a_passkey_and_reach_nothing_else()
    {
        var lead = await StaffTestData.CreateStaffAsync(factory.Services, "lead.enrol.gate@befree.test", "Lead Enrolling", [StaffRoles.ShiftLead]);
        var client = NewClient();
        await StaffTestData.SignInAsync(client, lead.Email!, StaffTestData.Password);

        var board = await client.GetAsync("/board");
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.Equal("/Account/Manage/EnableAuthenticator", board.Headers.Location!.OriginalString);

        var passkeys = await client.GetAsync("/Account/Manage/Passkeys");
        Assert.Equal(HttpStatusCode.OK, passkeys.StatusCode);
        var token = HtmlPage.AntiforgeryToken(await passkeys.Content.ReadAsStringAsync());
        Assert.NotNull(token);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/PasskeyCreationOptions");
        request.Headers.Add("RequestVerificationToken", token);
        var options = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        using var json = JsonDocument.Parse(await options.Content.ReadAsStringAsync());
        Assert.Equal("localhost", json.RootElement.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(lead.Email, json.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("challenge").GetString()));
    }

    [Fact]
    public async Task Passkey_options_need_an_antiforgery_token_and_creation_needs_a_session()
    {
        var anonymous = NewClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/Account/PasskeyRequestOptions", null)).StatusCode);
        var creation = await anonymous.PostAsync("/Account/PasskeyCreationOptions", null);
        Assert.NotEqual(HttpStatusCode.OK, creation.StatusCode);

        var token = HtmlPage.AntiforgeryToken(await anonymous.GetStringAsync("/Account/Login"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/PasskeyRequestOptions");
        request.Headers.Add("RequestVerificationToken", token);
        var options = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        using var json = JsonDocument.Parse(await options.Content.ReadAsStringAsync());
        // No account is named: the browser offers whichever passkey it has for this site.
        Assert.True(!json.RootElement.TryGetProperty("allowCredentials", out var allowed) || allowed.GetArrayLength() == 0);
    }

    [Fact]
    public async Task A_forged_passkey_sign_in_is_refused()
    {
        var client = NewClient();
        var token = HtmlPage.AntiforgeryToken(await client.GetStringAsync("/Account/Login"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/PasskeyRequestOptions");
        request.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [HtmlPage.AntiforgeryField] = token!,
            ["_handler"] = "passkey-login",
            ["Passkey.CredentialJson"] = """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AAAA","signature":"AAAA"}}""",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Error: That passkey was not accepted. Sign in with your password, or try another passkey.",
            HtmlPage.ErrorMessage(await response.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("BeFree.Session=", StringComparison.Ordinal)));
    }
}
