using System.Security.Claims;
using BeFree.Core.Audit;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BeFree.Web.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>Sign-out is a POST (with antiforgery) so a link or image on another site cannot sign anyone out.</summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");
        accountGroup.MapPost("/Logout", async (
            ClaimsPrincipal user,
            [FromServices] SignInManager<StaffUser> signInManager,
            [FromServices] AuditLog audit) =>
        {
            if (user.Identity?.IsAuthenticated == true)
            {
                await audit.WriteAsync(new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier), BeFree.Web.Security.StaffClaims.NameOf(user)),
                    AuditActions.SignedOut);
            }
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
        return accountGroup;
    }
}
