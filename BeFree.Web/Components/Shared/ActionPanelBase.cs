using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Shared;

/// <summary>A panel that changes something (staff, escalations), given the signed-in actor's id by its page.</summary>
public abstract class ActionPanelBase : ActionComponentBase
{
    public static string UnexpectedError => ActionRunner.UnexpectedError;

    /// <summary>The signed-in staff id; Core re-checks it against the database on every call.</summary>
    [Parameter, EditorRequired] public string ActorId { get; set; } = "";

    /// <summary>Core's refusals: their messages are written to be shown to staff.</summary>
    public static bool IsRuleMessage(Exception e) => ActionRunner.IsRuleMessage(e);
}
