using System.Net;
using System.Text.RegularExpressions;
using BeFree.Tests.Browser.Support;

namespace BeFree.Tests.Browser;

/// <summary>
/// The app started as ./scripts/run.sh starts it, but in Production: every script and stylesheet
/// the sign-in page links to (Blazor's, the component library's, ours) is served.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ProductionAssetsTests
{
    [Fact]
    public async Task In_production_every_linked_script_and_stylesheet_is_served()
    {
        await using var app = await AppUnderTest.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AllowedHosts"] = "127.0.0.1",
            ["Twilio:Mode"] = "Live",
            ["Twilio:AccountSid"] = "AC" + new string('0', 32),
            ["Twilio:AuthToken"] = "production-assets-test-token",
            ["Twilio:From"] = "233733",
        });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var page = await http.GetStringAsync("/Account/Login");
        var assets = Asset().Matches(page).Select(m => m.Groups["url"].Value)
            .Where(url => url.StartsWith('/') || !url.Contains("://", StringComparison.Ordinal))
            .Distinct().ToList();

        Assert.Contains(assets, a => a.Contains("_framework/blazor.web", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("_content/", StringComparison.Ordinal) || a.StartsWith("/_content/", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("_content/MudBlazor/", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("_content/MudBlazor/", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await http.GetAsync(asset.StartsWith('/') ? asset : "/" + asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex("""<(?:script[^>]*\ssrc|link[^>]*\shref)="(?<url>[^"]+\.(?:js|css))["?#]""")]
    private static partial Regex Asset();
}
