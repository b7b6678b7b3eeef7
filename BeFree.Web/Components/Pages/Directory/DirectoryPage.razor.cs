using System.Security.Claims;
using BeFree.Core.Escalations;
using BeFree.Core.Staff;
using BeFree.Web.Components.Pages.Escalations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.LawDirectory;

/// <summary>Everyone searches the directory; shift leads and admins also add, edit, activate and deactivate entries.</summary>
public partial class DirectoryPage
{
    [Inject] private LawEnforcementDirectory Directory { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string actorId = "";
    private bool canManage;
    private string state = "";
    private string countyOrCity = "";
    private string text = "";
    private bool includeNational = true;
    private bool includeInactive;
    private IReadOnlyList<LawEnforcementContactView> contacts = [];
    private LawEnforcementContactView? editing;
    private string? notice;

    /// <summary>An empty entry for the "new" form (id 0).</summary>
    private static readonly LawEnforcementContactView NewEntry = new(0, "", false, null, null, null, null, null, null, null, true);

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        canManage = user.IsInRole(StaffRoles.ShiftLead) || user.IsInRole(StaffRoles.Admin);
        await SearchAsync();
    }

    private Task SearchAsync() => RunAsync(async () =>
        contacts = await Directory.SearchAsync(actorId, state, countyOrCity, text, includeNational, canManage && includeInactive));

    private void StartNew()
    {
        notice = null;
        editing = NewEntry;
    }

    private void Edit(LawEnforcementContactView contact)
    {
        notice = null;
        editing = contact;
    }

    private async Task ToggleAsync(LawEnforcementContactView contact)
    {
        notice = null;
        if (await RunAsync(() => Directory.SetActiveAsync(actorId, contact.Id, !contact.IsActive)))
        {
            notice = $"{contact.Agency} is now {(contact.IsActive ? "inactive: it is no longer offered for new escalations" : "active")}.";
            await SearchAsync();
        }
    }

    private async Task SavedAsync(string message)
    {
        editing = null;
        notice = message;
        await SearchAsync();
    }
}
