using System.Security.Claims;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BeFree.Web.Security;

internal sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        var roles = await UserManager.GetRolesAsync(user);
        var hasPasskey = UserManager.SupportsUserPasskey && (await UserManager.GetPasskeysAsync(user)).Count > 0;
        if (TwoFactorPolicy.MustEnrol(user, roles, hasPasskey))
        {
            identity.AddClaim(new Claim(StaffClaims.MustEnrolTwoFactor, "true"));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(StaffClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}
