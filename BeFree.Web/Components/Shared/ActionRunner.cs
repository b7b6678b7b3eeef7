using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Staff;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// How every screen that changes something runs an action: one at a time (a double click is
/// ignored while the first runs), Core's refusals shown as they are written, anything else logged
/// and replaced by a plain message. Never throws.
/// </summary>
public sealed class ActionRunner(ILogger logger, string? unexpectedError = null)
{
    /// <summary>The plain message, in the reader's language (read on the circuit's culture when the runner is made).</summary>
    public static string UnexpectedError => SharedText.Get("Action_UnexpectedError");

    private readonly string _unexpectedError = unexpectedError ?? UnexpectedError;

    public bool Busy { get; private set; }

    public string? Error { get; set; }

    /// <summary>The refusal behind <see cref="Error"/>, for screens that offer a next step (a lead's override).</summary>
    public Exception? LastRefusal { get; private set; }

    /// <summary>Runs the action unless one is already running. True when it finished without error.</summary>
    public async Task<bool> RunAsync(Func<Task> action)
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
            return true;
        }
        catch (Exception e) when (IsRuleMessage(e))
        {
            Error = e.Message;
            LastRefusal = e;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "A workstation action failed.");
            Error = _unexpectedError;
        }
        finally
        {
            Busy = false;
        }
        return false;
    }

    /// <summary>Core's refusals: their messages are written to be shown to staff.</summary>
    public static bool IsRuleMessage(Exception e)
        => e is EscalationRuleException or StaffAuthorizationException or ConversationActionException or StaffRuleException
            or ContactRefusedException;
}
