using Microsoft.AspNetCore.Identity;

namespace BeFree.Core.Staff;

/// <summary>A member of staff: an ASP.NET Core Identity user with the hotline's own fields.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Disabled staff cannot sign in and their open screens end at the next revalidation.</summary>
    public bool IsActive { get; set; } = true;

    public int MaxConcurrentConversations { get; set; } = StaffDefaults.MaxConcurrentConversations;

    /// <summary>Set for accounts created with a temporary password; cleared by changing it.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// Only for an administrator created by <c>Bootstrap:RequireTwoFactor=false</c> outside Production
    /// (automated test and training installs).
    /// </summary>
    public bool TwoFactorExempt { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastSignInUtc { get; set; }

    /// <summary>The person's workstation settings in their stored form (<see cref="StaffPreferences.ToStored"/>); null for the defaults.</summary>
    public string? Preferences { get; set; }
}

public static class StaffDefaults
{
    public const int MaxConcurrentConversations = 3;
}
