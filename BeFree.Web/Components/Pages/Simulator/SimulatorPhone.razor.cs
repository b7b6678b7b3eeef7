using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Time;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Simulator;

public partial class SimulatorPhone
{
    [Inject] public required HotlineTime Time { get; set; }
    [Parameter, EditorRequired] public string PhoneNumber { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<SimulatorText> Texts { get; set; } = [];
    [Parameter] public bool Sending { get; set; }
    /// <summary>False while prerendered: typing before the circuit connects would be lost.</summary>
    [Parameter] public bool Interactive { get; set; }
    [Parameter] public string? Error { get; set; }
    [Parameter, EditorRequired] public Func<string, Task<bool>> OnSend { get; set; } = default!;
    [Parameter, EditorRequired] public EventCallback<string> OnChangeNumber { get; set; }

    private string _draft = "";
    private string _numberDraft = "";
    private string _shownNumber = "";

    protected override void OnParametersSet()
    {
        // Follow the page's number when it changes, but keep what the trainer is typing otherwise.
        if (PhoneNumber != _shownNumber)
        {
            _shownNumber = PhoneNumber;
            _numberDraft = PhoneNumber;
        }
    }

    private async Task SendAsync()
    {
        if (string.IsNullOrWhiteSpace(_draft))
        {
            return;
        }
        if (await OnSend(_draft))
        {
            _draft = "";
        }
    }

    private Task UseNumberAsync() => OnChangeNumber.InvokeAsync(_numberDraft);

    private Task NewNumberAsync() => OnChangeNumber.InvokeAsync("");
}
