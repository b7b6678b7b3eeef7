using Microsoft.AspNetCore.Authorization;

namespace BeFree.Web.Security;

public static class StaffPolicies
{
    /// <summary>Any signed-in person, even one who still has to enrol 2FA or change a temporary password.</summary>
    public const string SignedIn = "SignedIn";
    public const string Admin = "Admin";
    public const string LeadOrAdmin = "LeadOrAdmin";

    public static AuthorizationPolicy BuildEnrolledStaffPolicy() => new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireAssertion(ctx => !StaffClaims.HasPendingStep(ctx.User))
        .Build();
}
