using BeFree.Core.Staff;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BeFree.Web.Security;

/// <summary>The sign-in cookie: HttpOnly, Secure over HTTPS, SameSite=Strict, sliding idle timeout.</summary>
internal sealed class CookieAuthenticationOptionsSetup(IOptions<SecurityOptions> security)
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
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
