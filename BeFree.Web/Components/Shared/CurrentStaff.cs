using System.Security.Claims;
using BeFree.Core.Staff;
using BeFree.Web.Security;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// Who is using this screen, read once from the sign-in and cascaded from <see cref="CurrentStaffProvider"/>:
/// components take <c>[CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;</c>
/// instead of reading claims. Showing or hiding by role is a courtesy; Core re-checks against the database.
/// </summary>
public sealed record CurrentStaff(string Id, string Name, IReadOnlySet<string> Roles)
{
    /// <summary>Nobody signed in (or the value was not cascaded): no id, no roles.</summary>
    public static CurrentStaff Nobody { get; } = new("", "", new HashSet<string>(StringComparer.Ordinal));

    public bool IsSignedIn => Id.Length > 0;
    public bool IsAdvocate => Roles.Contains(StaffRoles.Advocate);
    public bool IsLead => Roles.Contains(StaffRoles.ShiftLead);
    public bool IsAdmin => Roles.Contains(StaffRoles.Admin);

    /// <summary>May work conversations: advocates, and leads and admins when they answer.</summary>
    public bool CanAnswer => IsAdvocate || IsLead || IsAdmin;

    /// <summary>Holds one of the roles in a comma-separated list, as <c>[Authorize(Roles = ...)]</c> writes them.</summary>
    public bool IsInAnyRole(string commaSeparatedRoles)
        => commaSeparatedRoles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(Roles.Contains);

    public bool IsInAnyRole(params IEnumerable<string> roles) => roles.Any(Roles.Contains);

    public static CurrentStaff From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } id)
        {
            return Nobody;
        }
        var roles = StaffRoles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal);
        return new CurrentStaff(id, StaffClaims.NameOf(user), roles);
    }
}
