using BeFree.Core.Staff;
using MudBlazor;

namespace BeFree.Web.Components.Layout;

/// <summary>One place that lists the main pages and who sees them. Features add their page here.</summary>
public static class NavigationLinks
{
    public sealed record Link(string Title, string Href, string Roles, string Icon)
    {
        /// <summary>The data-testid the browser tests find the link by, e.g. "nav-admin-staff".</summary>
        public string TestId => "nav-" + Href.Trim('/').Replace('/', '-');
    }

    private const string Everyone = StaffRoles.Advocate + "," + StaffRoles.ShiftLead + "," + StaffRoles.Admin;

    public static readonly IReadOnlyList<Link> All =
    [
        new("Inbox", "/inbox", Everyone, Icons.Material.Filled.Chat),
        new("Queue", "/queue", Everyone, Icons.Material.Filled.Inbox),
        new("My conversations", "/conversations", Everyone, Icons.Material.Filled.Forum),
        new("Live board", "/board", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.Dashboard),
        new("Escalations", "/escalations", Everyone, Icons.Material.Filled.ReportProblem),
        new("Directory", "/directory", Everyone, Icons.Material.Filled.Contacts),
        new("Services", "/referrals", Everyone, Icons.Material.Filled.VolunteerActivism),
        new("Search", "/search", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.Search),
        new("Canned responses", "/canned-responses", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.ShortText),
        new("Staff", "/admin/staff", StaffRoles.Admin, Icons.Material.Filled.People),
        new("System", "/admin/system", StaffRoles.Admin, Icons.Material.Filled.Settings),
        new("Audit log", "/admin/audit", StaffRoles.Admin, Icons.Material.Filled.Policy),
        new("Reports", "/reports", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.BarChart),
        new("Retention", "/admin/retention", StaffRoles.Admin, Icons.Material.Filled.AutoDelete),
        new("Twilio's copies", "/admin/twilio-copies", StaffRoles.Admin, Icons.Material.Filled.CloudSync),
        new("CRM", "/admin/crm", StaffRoles.Admin, Icons.Material.Filled.Webhook),
        new("Training simulator", "/simulator", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.School),
    ];
}
