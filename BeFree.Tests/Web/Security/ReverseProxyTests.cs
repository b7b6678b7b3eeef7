using System.Net;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Security;

/// <summary>
/// A non-Development install behind a TLS proxy at 10.0.0.5 (and anything in 192.168.50.0/24). The
/// test server has no real connection, so a test-only header says which address a request comes from.
/// </summary>
public sealed class ProxiedWebFactory : BeFreeWebFactory
{
    public const string Host = "befree.example.org";
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    public ProxiedWebFactory()
    {
        Settings["Proxy:KnownProxies:0"] = "10.0.0.5";
        Settings["Proxy:KnownNetworks:0"] = "192.168.50.0/24";
        Settings["AllowedHosts"] = Host;
        Settings["Twilio:Mode"] = "Simulated";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Staging: everything Production does about HTTPS (HSTS), without Production's other start-up demands.
        builder.UseEnvironment("Staging");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    }

    /// <summary>Runs before the app's own pipeline, as the connection itself would.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class ReverseProxyTests(ProxiedWebFactory factory) : IClassFixture<ProxiedWebFactory>
{
    private HttpClient NewClient() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        // Cookies are carried by hand below: a cookie container would not send a Secure cookie over the test's plain http.
        HandleCookies = false,
        BaseAddress = new Uri($"http://{ProxiedWebFactory.Host}"),
    });

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("192.168.50.77")]
    public async Task Https_from_a_known_proxy_gets_hsts_and_a_secure_session_cookie(string proxyAddress)
    {
        var user = await StaffTestData.CreateStaffAsync(factory.Services, $"proxied.{proxyAddress}@befree.test", "Proxied Person", [StaffRoles.Advocate]);

        var response = await SignInThroughAsync(proxyAddress, forwardedProto: "https", user.Email!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("BeFree.Session=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_else_are_ignored()
    {
        var user = await StaffTestData.CreateStaffAsync(factory.Services, "unproxied@befree.test", "Unproxied Person", [StaffRoles.Advocate]);

        var response = await SignInThroughAsync("203.0.113.9", forwardedProto: "https", user.Email!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("BeFree.Session=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_request_is_judged_by_the_address_it_really_comes_from()
    {
        var seen = new List<string?>();
        foreach (var remote in new[] { "10.0.0.5", "203.0.113.9" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
            request.Headers.Add(ProxiedWebFactory.RemoteAddressHeader, remote);
            request.Headers.Add("X-Forwarded-For", "198.51.100.23");
            request.Headers.Add("X-Forwarded-Proto", "https");
            var response = await NewClient().SendAsync(request);
            seen.Add(response.Headers.Contains("Strict-Transport-Security") ? "https" : "http");
        }
        Assert.Equal(["https", "http"], seen);
    }

    [Fact]
    public async Task A_request_for_another_host_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://evil.example.net/Account/Login");
        var response = await NewClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Fetches the sign-in form and posts it, both as if through <paramref name="remote"/>.</summary>
    private async Task<HttpResponseMessage> SignInThroughAsync(string remote, string forwardedProto, string email)
    {
        var client = NewClient();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        Through(get, remote, forwardedProto);
        var form = await client.SendAsync(get);
        var token = HtmlPage.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        Assert.NotNull(token);
        var cookies = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [HtmlPage.AntiforgeryField] = token,
                ["_handler"] = "login",
                ["Input.Email"] = email,
                ["Input.Password"] = StaffTestData.Password,
            }),
        };
        Through(post, remote, forwardedProto);
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        return await client.SendAsync(post);
    }

    private static void Through(HttpRequestMessage request, string remote, string forwardedProto)
    {
        request.Headers.Add(ProxiedWebFactory.RemoteAddressHeader, remote);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "198.51.100.23");
    }
}
