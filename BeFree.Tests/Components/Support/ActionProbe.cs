using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace BeFree.Tests.Components.Support;

/// <summary>
/// The smallest screen on <see cref="ActionComponentBase"/>: one button that runs <see cref="Action"/>
/// and the error the runner shows. Its button is never disabled, so a second click reaches the runner
/// itself, as a quick double click can reach the circuit before the "busy" render does.
/// </summary>
public sealed class ActionProbe : ActionComponentBase
{
    [Parameter, EditorRequired] public Func<Task> Action { get; set; } = default!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "type", "button");
        builder.AddAttribute(2, "data-testid", "act");
        builder.AddAttribute(3, "onclick", EventCallback.Factory.Create(this, () => (Task)RunAsync(Action)));
        builder.AddContent(4, Busy ? "Working…" : "Act");
        builder.CloseElement();
        if (Error is not null)
        {
            builder.OpenElement(5, "p");
            builder.AddAttribute(6, "role", "alert");
            builder.AddAttribute(7, "data-testid", "error");
            builder.AddContent(8, Error);
            builder.CloseElement();
        }
    }
}
