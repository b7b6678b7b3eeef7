using BeFree.Core.Escalations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.LawDirectory;

/// <summary>Everyone searches the directory; shift leads and admins also add, edit, activate and deactivate entries.</summary>
public partial class DirectoryPage
{
    [Inject] public required LawEnforcementDirectory Directory { get; set; }

    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private string _state = "";
    private string _countyOrCity = "";
    private string _text = "";
    private bool _includeNational = true;
    private bool _includeInactive;
    private IReadOnlyList<LawEnforcementContactView> _contacts = [];
    private LawEnforcementContactView? _editing;
    private string? _notice;

    /// <summary>Shows the management controls; Core checks the role again on every change.</summary>
    private bool CanManage => Staff.IsLead || Staff.IsAdmin;

    /// <summary>An empty entry for the "new" form (id 0).</summary>
    private static readonly LawEnforcementContactView NewEntry = new(0, "", false, null, null, null, null, null, null, null, true);

    protected override async Task OnInitializedAsync()
    {
        await SearchAsync();
    }

    private Task SearchAsync() => RunAsync(async () =>
        _contacts = await Directory.SearchAsync(Staff.Id, _state, _countyOrCity, _text, _includeNational, CanManage && _includeInactive));

    private void StartNew()
    {
        _notice = null;
        _editing = NewEntry;
    }

    private void Edit(LawEnforcementContactView contact)
    {
        _notice = null;
        _editing = contact;
    }

    private async Task ToggleAsync(LawEnforcementContactView contact)
    {
        _notice = null;
        if (await RunAsync(() => Directory.SetActiveAsync(Staff.Id, contact.Id, !contact.IsActive)))
        {
            _notice = contact.IsActive ? L["NowInactive", contact.Agency] : L["NowActive", contact.Agency];
            await SearchAsync();
        }
    }

    private async Task SavedAsync(string message)
    {
        _editing = null;
        _notice = message;
        await SearchAsync();
    }
}
