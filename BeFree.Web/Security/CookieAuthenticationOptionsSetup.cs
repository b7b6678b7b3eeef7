using System.Security.Claims;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
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
                return;
            }
            await refreshPeriodically(context);
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
