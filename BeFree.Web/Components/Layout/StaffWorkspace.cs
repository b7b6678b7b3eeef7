using System.Security.Claims;
using BeFree.Core.Staff;

namespace BeFree.Web.Components.Layout;

/// <summary>Where a member of staff works: the page they land on once nothing is left to set up.</summary>
public static class StaffWorkspace
{
    public const string Board = "/board";
    public const string Queue = "/queue";
    public const string Inbox = "/inbox";
    public const string Home = "/";

    /// <summary>Shift leads watch the live board, advocates work from the inbox (their conversations and the queue in one); an admin only has the home page's links.</summary>
    public static string HomeFor(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return held.Contains(StaffRoles.ShiftLead) ? Board
            : held.Contains(StaffRoles.Advocate) ? Inbox
            : Home;
    }

    public static string HomeFor(ClaimsPrincipal user)
        => HomeFor(StaffRoles.All.Where(user.IsInRole));
}
