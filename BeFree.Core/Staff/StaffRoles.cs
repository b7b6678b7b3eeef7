namespace BeFree.Core.Staff;

public static class StaffRoles
{
    public const string Advocate = "Advocate";
    public const string ShiftLead = "ShiftLead";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Advocate, ShiftLead, Admin];

    /// <summary>Roles that must enrol an authenticator app or a passkey before doing anything else.</summary>
    public static readonly IReadOnlyList<string> RequiringTwoFactor = [ShiftLead, Admin];

    /// <summary>For [Authorize(Roles = ...)] attributes.</summary>
    public const string LeadsAndAdmins = ShiftLead + "," + Admin;
}
