using System.Security.Claims;
using BeFree.Core.Staff;

namespace BeFree.Web.Components.Pages.Queue;

/// <summary>Who may open the advocate workspace pages, and the acting staff id passed to Core (which re-checks both).</summary>
public static class WorkspaceUser
{
    public const string AnsweringRoles = StaffRoles.Advocate + "," + StaffRoles.ShiftLead + "," + StaffRoles.Admin;

    public static string ActorId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
