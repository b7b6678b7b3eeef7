using System.Security.Claims;
using BeFree.Core.Staff;

namespace BeFree.Web.Components.Layout;

/// <summary>Where a member of staff works: the page they land on once nothing is left to set up.</summary>
public static class StaffWorkspace
{
    public const string Board = "/board";
    public const string Queue = "/queue";
    public const string Home = "/";

    /// <summary>Shift leads watch the live board, advocates the queue; an admin only has the home page's links.</summary>
    public static string HomeFor(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return held.Contains(StaffRoles.ShiftLead) ? Board
            : held.Contains(StaffRoles.Advocate) ? Queue
            : Home;
    }

    public static string HomeFor(ClaimsPrincipal user)
        => HomeFor(StaffRoles.All.Where(user.IsInRole));
}
