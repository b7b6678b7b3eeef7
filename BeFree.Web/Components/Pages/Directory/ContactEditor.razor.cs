using BeFree.Core.Escalations;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.LawDirectory;

public partial class ContactEditor
{
    [Inject] public required LawEnforcementDirectory Directory { get; set; }

    /// <summary>The entry to edit; Id 0 for a new one.</summary>
    [Parameter, EditorRequired] public LawEnforcementContactView Contact { get; set; } = default!;

    [Parameter] public EventCallback<string> OnSaved { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    private string _agency = "", _state = "", _countyOrCity = "", _contactName = "", _phone = "", _twentyFourSeven = "", _email = "", _notes = "";
    private bool _isNational;
    private bool _saved;

    protected override void OnInitialized()
    {
        (_agency, _isNational, _state, _countyOrCity) = (Contact.Agency, Contact.IsNational, Contact.State ?? "", Contact.CountyOrCity ?? "");
        (_contactName, _phone, _twentyFourSeven, _email, _notes) = (Contact.ContactName ?? "", Contact.Phone ?? "", Contact.TwentyFourSevenPhone ?? "", Contact.Email ?? "", Contact.Notes ?? "");
    }

    private async Task SaveAsync()
    {
        if (_saved)
        {
            return; // A second click after the first save went through must not create a second entry.
        }
        var input = new LawEnforcementContactInput(_agency, _isNational, _state, _countyOrCity, _contactName, _phone, _email, _twentyFourSeven, _notes);
        if (await RunAsync(async () =>
            {
                if (Contact.Id == 0) await Directory.CreateAsync(ActorId, input);
                else await Directory.UpdateAsync(ActorId, Contact.Id, input);
            }))
        {
            _saved = true;
            await OnSaved.InvokeAsync(L["Saved", _agency.Trim()]);
        }
    }
}
