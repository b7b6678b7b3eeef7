using System.Reflection;
using System.Text.RegularExpressions;
using BeFree.Tests.Support;
using BeFree.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BeFree.Tests.Web.Security;

public sealed partial class ContentSecurityPolicyTests(BeFreeWebFactory factory) : IClassFixture<BeFreeWebFactory>
{
    /// <summary>Every @page route in the app, route parameters filled with a sample value.</summary>
    public static TheoryData<string> Routes()
    {
        var data = new TheoryData<string>();
        AllRoutes().ForEach(data.Add);
        return data;
    }

    private static List<string> AllRoutes()
        => typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => RouteParameter().Replace(r.Template, m => m.Groups["constraint"].Value == "int" ? "1" : "sample"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void The_route_list_is_the_apps_own()
    {
        var routes = AllRoutes();
        Assert.Contains("/Account/Login", routes);
        Assert.Contains("/conversations/1", routes);
        Assert.True(routes.Count >= 25, $"only {routes.Count} routes found");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_page_answers_with_the_content_security_policy(string route)
    {
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await StaffTestData.SignInAsync(signedIn, TestAccounts.AdminEmail, TestAccounts.AdminPassword);

        foreach (var client in new[] { anonymous, signedIn })
        {
            var response = await client.GetAsync(route);
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var policy), $"{route} answered {(int)response.StatusCode} without a policy");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(policy));
        }
    }

    [Fact]
    public void The_policy_allows_no_inline_script_no_eval_and_no_framing()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToList());
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'self'"], directives["base-uri"]);
        Assert.Equal(["'self'"], directives["form-action"]);
        Assert.Equal(["'none'"], directives["object-src"]);
    }

    [GeneratedRegex(@"\{(?<name>[^}:]+)(:(?<constraint>[^}]+))?\}")]
    private static partial Regex RouteParameter();
}
