using System.Security.Claims;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Localization;

namespace BeFree.Web.Localization;

/// <summary>
/// The signed-in person's language, read from their account on every page request and circuit connection (one
/// read by key), so a change made on one computer holds on the next page load on any other. Static files skip it.
/// </summary>
public sealed class StaffLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        if (httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } staffId || IsStaticFile(request.Path))
        {
            return null;
        }
        var preferences = await httpContext.RequestServices.GetRequiredService<StaffPreferencesService>()
            .GetAsync(staffId, httpContext.RequestAborted);
        var culture = preferences.Language.CultureName();
        RememberOnThisBrowser(httpContext, culture);
        return new ProviderCultureResult(culture);
    }

    /// <summary>
    /// The culture cookie, so the sign-in pages (nobody known yet) speak the language this browser's last person
    /// chose. Written on ordinary page loads only, never on the circuit's own connection.
    /// </summary>
    private static void RememberOnThisBrowser(HttpContext httpContext, string culture)
    {
        var request = httpContext.Request;
        if (!HttpMethods.IsGet(request.Method) || request.Path.StartsWithSegments("/_blazor") || httpContext.Response.HasStarted)
        {
            return;
        }
        var value = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));
        if (request.Cookies[CookieRequestCultureProvider.DefaultCookieName] == value)
        {
            return;
        }
        httpContext.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, value, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
    }

    private static bool IsStaticFile(PathString path)
        => path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
            || Path.HasExtension(path.Value);
}
