using System.Security.Claims;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Web.Security;

/// <summary>
/// The sign-in cookie: HttpOnly, Secure over HTTPS, SameSite=Strict, sliding idle timeout, and
/// worthless as soon as the account's security stamp changes (sign-out, password or 2FA reset,
/// disabling), checked on every request.
/// </summary>
internal sealed class CookieAuthenticationOptionsSetup(IOptions<SecurityOptions> security, IOptions<IdentityOptions> identity)
    : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    /// <summary>Marks a request whose sign-in cookie was refused, for the redirect to sign-in that may follow.</summary>
    private const string SessionEnded = "BeFree.SessionEnded";

    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name != IdentityConstants.ApplicationScheme)
        {
            // The short-lived two-factor cookies: same protections.
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            return;
        }
        options.Cookie.Name = "BeFree.Session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromMinutes(security.Value.IdleTimeoutMinutes);
        options.SlidingExpiration = true;
        options.LoginPath = "/Account/Login";
        options.LogoutPath = "/Account/Logout";
        options.AccessDeniedPath = "/Account/AccessDenied";

        // Identity's own validator compares the stamp only every RevalidationIntervalSeconds (and then
        // refreshes the cookie's claims); this one-column lookup first makes a revoked cookie fail at once.
        var refreshPeriodically = options.Events.OnValidatePrincipal;
        var claimTypes = identity.Value.ClaimsIdentity;
        options.Events.OnValidatePrincipal = async context =>
        {
            if (!await HasCurrentStampAsync(context.HttpContext, context.Principal, claimTypes))
            {
                // Rejected but not deleted: a request racing a legitimate re-issue must not clear the new cookie.
                context.RejectPrincipal();
                context.HttpContext.Items[SessionEnded] = true;
                return;
            }
            await refreshPeriodically(context);
        };
        // A page loaded after the server ended the session (the account disabled, its password or 2FA changed)
        // goes to sign-in saying so, as an open screen does through SessionGuard, not as if never signed in.
        var redirectToLogin = options.Events.OnRedirectToLogin;
        options.Events.OnRedirectToLogin = context =>
        {
            if (context.HttpContext.Items.ContainsKey(SessionEnded))
            {
                context.RedirectUri = QueryHelpers.AddQueryString(context.RedirectUri, "ended", "1");
            }
            return redirectToLogin(context);
        };
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);

    private static async Task<bool> HasCurrentStampAsync(HttpContext httpContext, ClaimsPrincipal? principal, ClaimsIdentityOptions claimTypes)
    {
        var userId = principal?.FindFirstValue(claimTypes.UserIdClaimType);
        var stamp = principal?.FindFirstValue(claimTypes.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }
        var dbFactory = httpContext.RequestServices.GetRequiredService<IDbContextFactory<BeFreeDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(httpContext.RequestAborted);
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(httpContext.RequestAborted);
        return current == stamp;
    }
}
