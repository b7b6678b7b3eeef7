using System.Security.Claims;
using BeFree.Core.Crm;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>Admins configure CRM endpoints (the secret shown once), read the delivery log and replay a delivery. Core checks the Admin role.</summary>
public partial class CrmPage
{
    [Inject] public required CrmEndpoints Endpoints { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string _actorId = "";
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

    protected override async Task OnInitializedAsync()
    {
        _actorId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await LoadAsync();
    }

    private Task LoadAsync() => RunAsync(async () =>
    {
        _endpoints = await Endpoints.ListAsync(_actorId);
        _deliveries = await Endpoints.DeliveriesAsync(_actorId, _filter);
    });

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
                if (id == 0) _issued = await Endpoints.CreateAsync(_actorId, input, _secret);
                else await Endpoints.UpdateAsync(_actorId, id, input, _active);
            }))
        {
            _notice = id == 0 ? "Endpoint added." : "Endpoint saved.";
            (_editingId, _name, _url, _secret, _includeText, _includeNumber, _active) = (0, "", "", "", false, false, true);
            await LoadAsync();
        }
    }

    private async Task NewSecretAsync(CrmEndpointView e)
    {
        if (await RunAsync(async () => _issued = await Endpoints.ReplaceSecretAsync(_actorId, e.Id)))
        {
            _notice = $"New secret for {e.Name}: update the CRM before the next event.";
        }
    }

    private async Task ReplayAsync(CrmDeliveryView d)
    {
        if (await RunAsync(() => Endpoints.ReplayAsync(_actorId, d.Id)))
        {
            _notice = $"Delivery #{d.Id} will be sent again within seconds.";
            await LoadAsync();
        }
    }
}
