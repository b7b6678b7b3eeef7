using BeFree.Core.Staff;

namespace BeFree.Web.Components.Layout;

/// <summary>One place that lists the main pages and who sees them. Features add their page here.</summary>
public static class NavigationLinks
{
    public sealed record Link(string Title, string Href, string Roles);

    private const string Everyone = StaffRoles.Advocate + "," + StaffRoles.ShiftLead + "," + StaffRoles.Admin;

    public static readonly IReadOnlyList<Link> All =
    [
        new("Queue", "/queue", Everyone),
        new("My conversations", "/conversations", Everyone),
        new("Live board", "/board", StaffRoles.LeadsAndAdmins),
        new("Escalations", "/escalations", Everyone),
        new("Directory", "/directory", Everyone),
        new("Services", "/referrals", Everyone),
        new("Search", "/search", StaffRoles.LeadsAndAdmins),
        new("Canned responses", "/canned-responses", StaffRoles.LeadsAndAdmins),
        new("Staff", "/admin/staff", StaffRoles.Admin),
        new("System", "/admin/system", StaffRoles.Admin),
        new("Audit log", "/admin/audit", StaffRoles.Admin),
        new("Reports", "/reports", StaffRoles.LeadsAndAdmins),
        new("Retention", "/admin/retention", StaffRoles.Admin),
        new("Twilio's copies", "/admin/twilio-copies", StaffRoles.Admin),
        new("CRM", "/admin/crm", StaffRoles.Admin),
        new("Training simulator", "/simulator", StaffRoles.LeadsAndAdmins),
    ];
}
