using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace BeFree.Web.Components.Account.Shared;

public partial class AccountTextField
{
    /// <summary>The input's id, which the label points at (tests find fields by it, e.g. "Input.Email").</summary>
    [Parameter, EditorRequired] public string Id { get; set; } = "";

    [Parameter, EditorRequired] public string Label { get; set; } = "";

    /// <summary>"text", "email" or "password".</summary>
    [Parameter] public string Type { get; set; } = "text";

    /// <summary>Said under the field before anyone submits (a rule, a format); tied to the input with aria-describedby.</summary>
    [Parameter] public RenderFragment? HelperText { get; set; }

    /// <summary>Ids of other elements that describe the field (e.g. the password rules list).</summary>
    [Parameter] public string? DescribedBy { get; set; }

    [Parameter] public string Value { get; set; } = "";
    [Parameter] public EventCallback<string> ValueChanged { get; set; }

    /// <summary>Names the posted field ("Input.Email") and finds its validation messages.</summary>
    [Parameter, EditorRequired] public Expression<Func<string>> ValueExpression { get; set; } = null!;

    /// <summary>autocomplete, inputmode, aria-required and the like, put on the input itself.</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    [CascadingParameter] private EditContext? EditContext { get; set; }

    private EditContext? _subscribed;

    private IReadOnlyList<string> Errors
        => EditContext is null ? [] : EditContext.GetValidationMessages(FieldIdentifier.Create(ValueExpression)).ToList();

    private string ErrorClass => Errors.Count > 0 ? " mud-input-error" : "";

    private string ControlClass
        => "mud-input-control mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed befree-account-field" + ErrorClass;

    private string InputClass
        => "mud-input mud-input-outlined mud-input-outlined-with-label mud-shrink mud-typography-subtitle1 mud-input-sizing-fixed" + ErrorClass;

    private string LabelClass
        => "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-inputcontrol" + ErrorClass;

    private string? AriaDescribedBy
    {
        get
        {
            var ids = new List<string>();
            if (Errors.Count > 0)
            {
                ids.Add($"{Id}-error");
            }
            if (HelperText is not null)
            {
                ids.Add($"{Id}-help");
            }
            if (!string.IsNullOrEmpty(DescribedBy))
            {
                ids.Add(DescribedBy);
            }
            return ids.Count == 0 ? null : string.Join(' ', ids);
        }
    }

    /// <summary>A refused form comes back with what was typed, except passwords: they never go back into the page.</summary>
    private string ShownValue => Type == "password" ? "" : Value;

    private Task OnChangedAsync(string? value) => ValueChanged.InvokeAsync(value ?? "");

    protected override void OnParametersSet()
    {
        // A posted form is validated after the first render: show the messages when they arrive.
        if (!ReferenceEquals(EditContext, _subscribed))
        {
            Unsubscribe();
            _subscribed = EditContext;
            if (_subscribed is not null)
            {
                _subscribed.OnValidationStateChanged += OnValidationStateChanged;
            }
        }
    }

    private void OnValidationStateChanged(object? sender, ValidationStateChangedEventArgs e) => StateHasChanged();

    private void Unsubscribe()
    {
        if (_subscribed is not null)
        {
            _subscribed.OnValidationStateChanged -= OnValidationStateChanged;
        }
    }

    public void Dispose() => Unsubscribe();
}
