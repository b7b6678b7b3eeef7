using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// What every panel that changes something shares (staff, escalations, the directory, canned
/// responses): the actor's id, one action at a time (a double click is ignored while the first
/// runs), and Core's rule messages shown, never thrown.
/// </summary>
public abstract class ActionPanelBase : ComponentBase
{
    public const string UnexpectedError =
        "Something went wrong and the change may not have been saved. Reload the page to check, then try again.";

    [Inject] private ILogger<ActionPanelBase> Logger { get; set; } = default!;

    /// <summary>The signed-in staff id; Core re-checks it against the database on every call.</summary>
    [Parameter, EditorRequired] public string ActorId { get; set; } = "";

    protected bool Busy { get; private set; }

    protected string? Error { get; set; }

    /// <summary>Buttons stay disabled until the page is live, so a click never posts a prerendered form.</summary>
    protected bool CanAct => RendererInfo.IsInteractive && !Busy;

    /// <summary>Runs the action unless one is already running. True when it finished without error.</summary>
    protected async Task<bool> RunAsync(Func<Task> action)
    {
        if (Busy)
        {
            return false;
        }
        Busy = true;
        Error = null;
        try
        {
            await action();
            return true;
        }
        catch (Exception e) when (IsRuleMessage(e))
        {
            Error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "A workstation action failed.");
            Error = UnexpectedError;
        }
        finally
        {
            Busy = false;
        }
        return false;
    }

    /// <summary>Core's refusals: their messages are written to be shown to staff.</summary>
    public static bool IsRuleMessage(Exception e)
        => e is EscalationRuleException or StaffAuthorizationException or ConversationActionException or StaffRuleException;
}
