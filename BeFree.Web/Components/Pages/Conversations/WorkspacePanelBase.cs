using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Conversations;

/// <summary>
/// What every panel of the conversation page that changes something shares: the acting staff id,
/// the conversation, one action at a time (a double click is ignored while the first runs), and
/// Core's refusals shown as they are written, never thrown.
/// </summary>
public abstract class WorkspacePanelBase : ComponentBase
{
    public const string UnexpectedError =
        "Something went wrong and the change may not have been saved. The page shows what is stored now; check it, then try again.";

    [Inject] private ILogger<WorkspacePanelBase> Logger { get; set; } = default!;

    [Parameter, EditorRequired] public string ActorId { get; set; } = "";

    [Parameter, EditorRequired] public ConversationDetail Detail { get; set; } = default!;

    /// <summary>Tells the page to re-read the conversation (most changes also arrive through the notifier).</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    protected bool Busy { get; private set; }

    protected string? Error { get; set; }

    /// <summary>The refusal behind <see cref="Error"/>, for panels that offer a next step (a lead's override).</summary>
    protected Exception? LastRefusal { get; private set; }

    /// <summary>Buttons stay disabled until the page is live, so a click never posts the prerendered page.</summary>
    protected bool CanAct => RendererInfo.IsInteractive && !Busy;

    protected async Task<bool> RunAsync(Func<Task> action)
    {
        if (Busy)
        {
            return false;
        }
        Busy = true;
        Error = null;
        LastRefusal = null;
        try
        {
            await action();
            await OnChanged.InvokeAsync();
            return true;
        }
        catch (Exception e) when (e is ConversationActionException or StaffAuthorizationException or ContactRefusedException
            or EscalationRuleException or StaffRuleException)
        {
            Error = e.Message;
            LastRefusal = e;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "A conversation action failed on conversation {ConversationId}", Detail.ConversationId);
            Error = UnexpectedError;
        }
        finally
        {
            Busy = false;
        }
        return false;
    }
}
