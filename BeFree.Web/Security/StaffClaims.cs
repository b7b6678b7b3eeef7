using System.Security.Claims;

namespace BeFree.Web.Security;

/// <summary>Claims BeFree adds to the sign-in cookie.</summary>
public static class StaffClaims
{
    public const string DisplayName = "befree:display_name";
    /// <summary>A ShiftLead or Admin with neither an authenticator app nor a passkey: may reach only the enrolment pages.</summary>
    public const string MustEnrolTwoFactor = "befree:must_enrol_2fa";
    /// <summary>Signed in with a temporary password: may reach only the change-password page.</summary>
    public const string MustChangePassword = "befree:must_change_password";

    public static bool HasPendingStep(ClaimsPrincipal user)
        => user.HasClaim(c => c.Type is MustEnrolTwoFactor or MustChangePassword);

    public static string NameOf(ClaimsPrincipal user)
        => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}
