using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account;

public sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    /// <summary>Redirects within this app only: anything else (a return URL from a link) lands on the home page.</summary>
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrHome(uri));

    /// <summary>
    /// <paramref name="uri"/> as a path in this app, or "" (the home page) when it could lead anywhere
    /// else: another origin ("https://evil.example/", "//evil.example"), a backslash (browsers read
    /// "/\evil.example" as "//evil.example"), a scheme ("javascript:"), whitespace or control
    /// characters (browsers drop some of them). Never throws, so a hostile link cannot cause a 500.
    /// </summary>
    private string LocalOrHome(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return "";
        }
        // Our own absolute URLs (built from the base address below) become relative first.
        var candidate = uri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase)
            ? navigationManager.ToBaseRelativePath(uri)
            : uri;
        if (candidate.Any(c => c == '\\' || char.IsWhiteSpace(c) || char.IsControl(c))
            || candidate.StartsWith("//", StringComparison.Ordinal))
        {
            return "";
        }
        if (!candidate.StartsWith('/'))
        {
            // A relative path such as "Account/Lockout"; a colon before any '/', '?' or '#' is a scheme.
            var endOfFirstSegment = candidate.IndexOfAny(['/', '?', '#']);
            var firstSegment = endOfFirstSegment < 0 ? candidate : candidate[..endOfFirstSegment];
            if (firstSegment.Contains(':'))
            {
                return "";
            }
        }
        return candidate;
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<StaffUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", AccountText.Get("Status_InvalidUser", userManager.GetUserId(context.User) ?? ""), context);
}
