using System.Security.Claims;
using BeFree.Core;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Web;
using BeFree.Web.Components;
using BeFree.Web.Components.Layout;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;
using static Microsoft.AspNetCore.Components.Web.RenderMode;

namespace BeFree.Web.Components.Pages.Escalations;

public partial class ContactPicker
{
    [Inject] public required LawEnforcementDirectory Directory { get; set; }

    [Parameter, EditorRequired] public string ActorId { get; set; } = "";

    /// <summary>The conversation's carrier state hint, used as the first search.</summary>
    [Parameter] public string? InitialState { get; set; }

    [Parameter] public LawEnforcementContactView? Selected { get; set; }

    [Parameter] public EventCallback<LawEnforcementContactView> SelectedChanged { get; set; }

    [Parameter] public bool Disabled { get; set; }

    private string? _state = "";
    private string? _countyOrCity = "";
    private string? _text = "";
    private bool _searching;
    private string? _error;
    private IReadOnlyList<LawEnforcementContactView>? _results;

    protected override async Task OnInitializedAsync()
    {
        _state = InitialState ?? "";
        if (!Disabled)
        {
            await SearchAsync();
        }
    }

    private async Task SearchAsync()
    {
        if (_searching)
        {
            return;
        }
        _searching = true;
        _error = null;
        try
        {
            _results = await Directory.SearchAsync(ActorId, _state ?? "", _countyOrCity ?? "", _text ?? "");
        }
        catch (Exception e) when (ActionPanelBase.IsRuleMessage(e))
        {
            _error = e.Message;
        }
        finally
        {
            _searching = false;
        }
    }
}
