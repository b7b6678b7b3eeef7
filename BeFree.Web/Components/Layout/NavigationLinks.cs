using BeFree.Core.Staff;
using MudBlazor;

namespace BeFree.Web.Components.Layout;

/// <summary>One place that lists the main pages and who sees them. Features add their page here.</summary>
public static class NavigationLinks
{
    /// <param name="TextKey">The link's words in LayoutText.resx, under "Nav_" + this key.</param>
    public sealed record Link(string TextKey, string Href, string Roles, string Icon)
    {
        /// <summary>The link's words in the reader's language.</summary>
        public string Title => LayoutText.Get("Nav_" + TextKey);

        /// <summary>The data-testid the browser tests find the link by, e.g. "nav-admin-staff".</summary>
        public string TestId => "nav-" + Href.Trim('/').Replace('/', '-');
    }

    private const string Everyone = StaffRoles.Advocate + "," + StaffRoles.ShiftLead + "," + StaffRoles.Admin;

    public static readonly IReadOnlyList<Link> All =
    [
        new("Inbox", "/inbox", Everyone, Icons.Material.Filled.Chat),
        new("Queue", "/queue", Everyone, Icons.Material.Filled.Inbox),
        new("MyConversations", "/conversations", Everyone, Icons.Material.Filled.Forum),
        new("Board", "/board", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.Dashboard),
        new("Escalations", "/escalations", Everyone, Icons.Material.Filled.ReportProblem),
        new("Directory", "/directory", Everyone, Icons.Material.Filled.Contacts),
        new("Services", "/referrals", Everyone, Icons.Material.Filled.VolunteerActivism),
        new("Search", "/search", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.Search),
        new("CannedResponses", "/canned-responses", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.ShortText),
        new("Staff", "/admin/staff", StaffRoles.Admin, Icons.Material.Filled.People),
        new("System", "/admin/system", StaffRoles.Admin, Icons.Material.Filled.Settings),
        new("AuditLog", "/admin/audit", StaffRoles.Admin, Icons.Material.Filled.Policy),
        new("Reports", "/reports", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.BarChart),
        new("Retention", "/admin/retention", StaffRoles.Admin, Icons.Material.Filled.AutoDelete),
        new("TwilioCopies", "/admin/twilio-copies", StaffRoles.Admin, Icons.Material.Filled.CloudSync),
        new("Crm", "/admin/crm", StaffRoles.Admin, Icons.Material.Filled.Webhook),
        new("Simulator", "/simulator", StaffRoles.LeadsAndAdmins, Icons.Material.Filled.School),
    ];
}
