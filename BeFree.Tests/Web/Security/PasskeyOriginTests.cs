using BeFree.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Tests.Web.Security;

public sealed class PasskeyOriginTests
{
    [Theory]
    [InlineData("https://befree.example.org", false, true)]
    [InlineData("https://befree.example.org:443", false, true)]
    [InlineData("https://befree.example.org", true, false)]  // inside someone else's frame
    [InlineData("https://evil.example.net", false, false)]
    [InlineData("http://befree.example.org", false, false)]
    [InlineData("https://befree.example.org:8443", false, false)]
    [InlineData("null", false, false)]
    [InlineData("", false, false)]
    public async Task A_passkey_ceremony_must_come_from_the_apps_own_origin(string origin, bool crossOrigin, bool valid)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("befree.example.org");

        var result = await PasskeyOrigin.IsOwnOrigin(new PasskeyOriginValidationContext { HttpContext = http, Origin = origin, CrossOrigin = crossOrigin });

        Assert.Equal(valid, result);
    }
}
