using BeFree.Core.Escalations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

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
