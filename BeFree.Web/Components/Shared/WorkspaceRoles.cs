using BeFree.Core.Staff;

namespace BeFree.Web.Components.Shared;

/// <summary>Who may open the answering pages (inbox, queue, conversations); Core re-checks the role on every action.</summary>
public static class WorkspaceRoles
{
    public const string Answering = StaffRoles.Advocate + "," + StaffRoles.ShiftLead + "," + StaffRoles.Admin;
}
