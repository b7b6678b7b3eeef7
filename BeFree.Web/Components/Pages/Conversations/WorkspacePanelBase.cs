using BeFree.Core.Conversations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Conversations;

/// <summary>
/// What every panel of the conversation page that changes something shares: the acting staff id,
/// the conversation, one action at a time (a double click is ignored while the first runs), and
/// Core's refusals shown as they are written, never thrown.
/// </summary>
public abstract class WorkspacePanelBase : ActionComponentBase
{
    /// <summary>In the reader's language: read when the panel's runner is made, on the circuit's culture.</summary>
    public static string UnexpectedError => ConversationsText.Get("UnexpectedError");

    [Parameter, EditorRequired] public string ActorId { get; set; } = "";

    [Parameter, EditorRequired] public ConversationDetail Detail { get; set; } = default!;

    /// <summary>Tells the page to re-read the conversation (most changes also arrive through the notifier).</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    protected override string UnexpectedErrorMessage => UnexpectedError;

    /// <summary>The refusal behind the error, for panels that offer a next step (a lead's override).</summary>
    protected Exception? LastRefusal => Runner.LastRefusal;

    /// <summary>Runs the action unless one is already running, then tells the page to re-read.</summary>
    protected override Task<bool> RunAsync(Func<Task> action) => Runner.RunAsync(async () =>
    {
        await action();
        await OnChanged.InvokeAsync();
    });
}
