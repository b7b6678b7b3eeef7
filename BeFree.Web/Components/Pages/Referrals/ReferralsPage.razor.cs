using BeFree.Core.Referrals;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Referrals;

/// <summary>Everyone searches the services; shift leads and admins add, edit, activate and deactivate them (Core checks the role).</summary>
public partial class ReferralsPage
{
    [Inject] public required ReferralDirectory Directory { get; set; }

    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    // Core's labels are English; the page shows its own words for each kind and language (keys checked by ResourceKeyTests).
    private string KindText(ServiceKind kind) => L["ServiceKind_" + kind] is { ResourceNotFound: false } text ? text : ReferralDirectory.KindText(kind);

    private string LanguageText(string code) => L["Language_" + code] is { ResourceNotFound: false } text ? text : ReferralDirectory.LanguageText(code);

    private string _state = "";
    private string _language = "";
    private ServiceKind? _kind;
    private bool _includeInactive;
    private IReadOnlyList<SupportServiceView> _services = [];
    private string? _notice;

    private int _editingId;
    private string _name = "";
    private string _neutralName = "";
    private ServiceKind _editKind;
    private bool _national;
    private string _editState = "";
    private string _county = "";
    private HashSet<string> _languages = ["en"];
    private string _phone = "";
    private string _hours = "";
    private string _notes = "";

    /// <summary>Shows the editor; Core checks the role again on every change.</summary>
    private bool CanManage => Staff.IsLead || Staff.IsAdmin;

    protected override Task OnInitializedAsync() => SearchAsync();

    private Task SearchAsync() => RunAsync(async () =>
        _services = await Directory.SearchAsync(Staff.Id, _state, _language, _kind, includeInactive: CanManage && _includeInactive));

    private void Edit(SupportServiceView s)
    {
        _notice = null;
        _editingId = s.Id;
        _name = s.Name;
        _neutralName = s.NeutralName;
        _editKind = s.Kind;
        _national = s.IsNational;
        _editState = s.State ?? "";
        _county = s.CountyOrCity ?? "";
        _languages = s.Languages.ToHashSet();
        _phone = s.Phone;
        _hours = s.Hours ?? "";
        _notes = s.Notes ?? "";
    }

    private void Clear()
    {
        _editingId = 0;
        _name = _neutralName = _editState = _county = _phone = _hours = _notes = "";
        _editKind = ServiceKind.Shelter;
        _national = false;
        _languages = ["en"];
    }

    private void ToggleLanguage(string code, bool on)
    {
        if (on) _languages.Add(code); else _languages.Remove(code);
    }

    private async Task SaveAsync()
    {
        var input = new SupportServiceInput(_name, _neutralName, _editKind, _national, _editState, _county, _languages.ToList(), _phone, _hours, _notes);
        var id = _editingId;
        if (await RunAsync(async () =>
            {
                if (id == 0) await Directory.CreateAsync(Staff.Id, input);
                else await Directory.UpdateAsync(Staff.Id, id, input);
            }))
        {
            _notice = id == 0 ? L["Added", _name] : L["Saved", _name];
            Clear();
            await SearchAsync();
        }
    }

    private async Task ToggleAsync(SupportServiceView s)
    {
        _notice = null;
        if (await RunAsync(() => Directory.SetActiveAsync(Staff.Id, s.Id, !s.IsActive)))
        {
            _notice = s.IsActive ? L["NowInactive", s.Name] : L["NowActive", s.Name];
            await SearchAsync();
        }
    }
}
