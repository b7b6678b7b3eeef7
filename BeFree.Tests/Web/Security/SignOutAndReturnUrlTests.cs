using System.Net;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BeFree.Tests.Web.Security;

/// <summary>Sign-out ends the session on the server and needs an antiforgery token; sign-in never redirects off the site.</summary>
public sealed class SignOutAndReturnUrlTests(BeFreeWebFactory factory) : IClassFixture<BeFreeWebFactory>
{
    private const string SessionCookie = "BeFree.Session";

    private HttpClient NewClient(bool handleCookies = true) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = handleCookies,
    });

    private async Task<StaffUser> AdvocateAsync(string name)
        => await StaffTestData.CreateStaffAsync(factory.Services, $"{name}-{Guid.NewGuid():N}@befree.test", "Sign-out Person", [StaffRoles.Advocate]);

    /// <summary>Signs in and returns the session cookie ("name=value") the server set.</summary>
    private static async Task<string> SignInAsync(HttpClient client, StaffUser user)
    {
        var response = await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        return setCookie[..setCookie.IndexOf(';')];
    }

    private static async Task AssertSignedInAsync(HttpClient client)
    {
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"sign-out\"", await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertSentToSignInAsync(HttpClient client)
    {
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    /// <summary>The token of the sign-out form in the page's header.</summary>
    private static async Task<string> SignOutTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        var token = HtmlPage.Parse(html).QuerySelector($"form[action='Account/Logout'] input[name='{HtmlPage.AntiforgeryField}']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The sign-out form carries an antiforgery token.");
        return token;
    }

    private static Task<HttpResponseMessage> PostSignOutAsync(HttpClient client, string? token)
        => client.PostAsync("/Account/Logout", new FormUrlEncodedContent(token is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [HtmlPage.AntiforgeryField] = token }));

    [Fact]
    public async Task After_sign_out_a_copy_of_the_session_cookie_no_longer_works()
    {
        var user = await AdvocateAsync("copied");
        var browser = NewClient();
        var cookie = await SignInAsync(browser, user);
        var copy = NewClient(handleCookies: false);
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        await AssertSignedInAsync(copy);

        var signOut = await PostSignOutAsync(browser, await SignOutTokenAsync(browser));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/Account/Login", signOut.Headers.Location!.OriginalString);
        await AssertSentToSignInAsync(copy);
        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused_and_the_session_stays()
    {
        var user = await AdvocateAsync("no-token");
        var browser = NewClient();
        await SignInAsync(browser, user);

        var withoutToken = await PostSignOutAsync(browser, token: null);
        var wrongToken = await PostSignOutAsync(browser, "not-a-token");

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);
        await AssertSignedInAsync(browser);

        var withToken = await PostSignOutAsync(browser, await SignOutTokenAsync(browser));
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        await AssertSentToSignInAsync(browser);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("http://localhost.evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)//")]
    public async Task A_hostile_return_url_is_ignored_and_sign_in_lands_on_the_home_page(string returnUrl)
    {
        var user = await AdvocateAsync("return-url");
        var client = NewClient();
        var path = "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);

        var form = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var response = await PostSignInAsync(client, path, user);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.GetLeftPart(UriPartial.Authority), target.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/", target.AbsolutePath);
        Assert.DoesNotContain("evil", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("javascript", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_return_url_on_the_site_is_followed()
    {
        var user = await AdvocateAsync("return-local");
        var client = NewClient();
        var path = "/Account/Login?ReturnUrl=" + Uri.EscapeDataString("/escalations?tab=mine");

        var response = await PostSignInAsync(client, path, user);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Host, target.Host);
        Assert.Equal("/escalations?tab=mine", target.PathAndQuery);
    }

    /// <summary>Posts the sign-in form to <paramref name="path"/>, as a browser posts it back to the URL it came from.</summary>
    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string path, StaffUser user)
    {
        var token = HtmlPage.AntiforgeryToken(await client.GetStringAsync(path));
        Assert.False(string.IsNullOrEmpty(token), "The sign-in form carries an antiforgery token.");
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [HtmlPage.AntiforgeryField] = token,
            ["_handler"] = "login",
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = StaffTestData.Password,
        }));
    }
}
