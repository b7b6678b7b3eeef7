using System.Security.Claims;
using BeFree.Core.Audit;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BeFree.Web.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with an antiforgery token (checked here: the endpoint binds no form, so
    /// nothing else would), so a link, image or form on another site cannot sign anyone out. It
    /// ends the session on the server too: a new security stamp makes every cookie issued before
    /// it worthless on its next request (see <see cref="Security.CookieAuthenticationOptionsSetup"/>),
    /// including a copy of this one and the account's sessions in other browsers.
    /// </summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");
        accountGroup.MapPost("/Logout", async Task<Results<BadRequest, RedirectHttpResult>> (
            HttpContext context,
            ClaimsPrincipal user,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<StaffUser> signInManager,
            [FromServices] AuditLog audit) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest();
            }
            if (user.Identity?.IsAuthenticated == true)
            {
                var staff = await signInManager.UserManager.GetUserAsync(user);
                if (staff is not null)
                {
                    await signInManager.UserManager.UpdateSecurityStampAsync(staff);
                }
                await audit.WriteAsync(new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier), BeFree.Web.Security.StaffClaims.NameOf(user)),
                    AuditActions.SignedOut);
            }
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });

        // Passkey ceremonies: the options the browser needs, with a fresh challenge kept in Identity's
        // own short-lived cookie. Antiforgery-checked, so another site cannot start one.
        accountGroup.MapPost("/PasskeyCreationOptions", async Task<Results<BadRequest, UnauthorizedHttpResult, ContentHttpResult>> (
            HttpContext context,
            ClaimsPrincipal principal,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<StaffUser> signInManager) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest();
            }
            var user = await signInManager.UserManager.GetUserAsync(principal);
            if (user is null || !user.IsActive)
            {
                return TypedResults.Unauthorized();
            }
            var options = await signInManager.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
            {
                Id = user.Id,
                Name = user.Email ?? user.UserName ?? user.Id,
                DisplayName = user.DisplayName,
            });
            return TypedResults.Content(options, "application/json");
        }).RequireAuthorization(BeFree.Web.Security.StaffPolicies.SignedIn);

        accountGroup.MapPost("/PasskeyRequestOptions", async Task<Results<BadRequest, ContentHttpResult>> (
            HttpContext context,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<StaffUser> signInManager) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest();
            }
            // Never for a named user: the browser offers whichever passkey it holds for this site, and the
            // answer is the same whoever asks, so it tells nobody which emails have accounts.
            var options = await signInManager.MakePasskeyRequestOptionsAsync(null);
            return TypedResults.Content(options, "application/json");
        }).AllowAnonymous();

        return accountGroup;
    }
}
