using BeFree.Core.Crm;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>Admins configure CRM endpoints (the secret shown once), read the delivery log and replay a delivery. Core checks the Admin role.</summary>
public partial class CrmPage
{
    [Inject] public required CrmEndpoints Endpoints { get; set; }

    [Inject] public required HotlineTime Time { get; set; }

    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private IReadOnlyList<CrmEndpointView> _endpoints = [];
    private IReadOnlyList<CrmDeliveryView> _deliveries = [];
    private CrmDeliveryStatus? _filter;
    private CrmSecretIssued? _issued;
    private string? _notice;
    private int _editingId;
    private string _name = "";
    private string _url = "";
    private string _secret = "";
    private bool _includeText;
    private bool _includeNumber;
    private bool _active = true;

    protected override Task OnInitializedAsync() => LoadAsync();

    private Task FilterAsync(CrmDeliveryStatus? filter)
    {
        _filter = filter;
        return LoadAsync();
    }

    private Task LoadAsync() => RunAsync(async () =>
    {
        _endpoints = await Endpoints.ListAsync(Staff.Id);
        _deliveries = await Endpoints.DeliveriesAsync(Staff.Id, _filter);
    });

    private string YesNo(bool value) => value ? L["Yes"] : L["No"];

    private void Edit(CrmEndpointView e)
    {
        (_editingId, _name, _url, _includeText, _includeNumber, _active, _secret) = (e.Id, e.Name, e.Url, e.IncludeText, e.IncludeFullNumber, e.IsActive, "");
        _issued = null;
    }

    private async Task SaveAsync()
    {
        var input = new CrmEndpointInput(_name, _url, _includeText, _includeNumber);
        var id = _editingId;
        _issued = null;
        if (await RunAsync(async () =>
            {
                if (id == 0) _issued = await Endpoints.CreateAsync(Staff.Id, input, _secret);
                else await Endpoints.UpdateAsync(Staff.Id, id, input, _active);
            }))
        {
            _notice = id == 0 ? L["Crm_Added"] : L["Crm_Saved"];
            (_editingId, _name, _url, _secret, _includeText, _includeNumber, _active) = (0, "", "", "", false, false, true);
            await LoadAsync();
        }
    }

    private async Task NewSecretAsync(CrmEndpointView e)
    {
        if (await RunAsync(async () => _issued = await Endpoints.ReplaceSecretAsync(Staff.Id, e.Id)))
        {
            _notice = L["Crm_SecretNotice", e.Name];
        }
    }

    private async Task ReplayAsync(CrmDeliveryView d)
    {
        if (await RunAsync(() => Endpoints.ReplayAsync(Staff.Id, d.Id)))
        {
            _notice = L["Crm_ReplayNotice", d.Id];
            await LoadAsync();
        }
    }
}
