using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>
/// What every Admin panel that changes something shares: the acting Admin's id, one action at a
/// time (a double click is ignored while the first is running), and errors shown, never thrown.
/// </summary>
public abstract class AdminPanelBase : ComponentBase
{
    public const string UnexpectedError =
        "Something went wrong and the change may not have been saved. Reload the page to check, then try again.";

    [Inject] private ILogger<AdminPanelBase> Logger { get; set; } = default!;

    /// <summary>The signed-in Admin's staff id; Core re-checks it against the database on every call.</summary>
    [Parameter, EditorRequired] public string ActorId { get; set; } = "";

    protected bool Busy { get; private set; }

    protected string? Error { get; set; }

    /// <summary>Buttons stay disabled until the page is live, so a click never posts the prerendered form.</summary>
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
        catch (Exception e) when (e is StaffRuleException or StaffAuthorizationException)
        {
            Error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "An Admin staff action failed.");
            Error = UnexpectedError;
        }
        finally
        {
            Busy = false;
        }
        return false;
    }
}
