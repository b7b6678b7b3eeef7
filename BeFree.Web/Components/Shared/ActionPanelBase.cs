using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// What every panel that changes something shares (staff, escalations): the actor's id and an
/// <see cref="ActionRunner"/>.
/// </summary>
public abstract class ActionPanelBase : ComponentBase
{
    public const string UnexpectedError = ActionRunner.UnexpectedError;

    private ActionRunner? _runner;

    [Inject] private ILogger<ActionPanelBase> Logger { get; set; } = default!;

    /// <summary>The signed-in staff id; Core re-checks it against the database on every call.</summary>
    [Parameter, EditorRequired] public string ActorId { get; set; } = "";

    private ActionRunner Runner => _runner ??= new ActionRunner(Logger);

    protected bool Busy => Runner.Busy;

    protected string? Error
    {
        get => Runner.Error;
        set => Runner.Error = value;
    }

    /// <summary>Buttons stay disabled until the page is live, so a click never posts a prerendered form.</summary>
    protected bool CanAct => RendererInfo.IsInteractive && !Busy;

    /// <summary>Runs the action unless one is already running. True when it finished without error.</summary>
    protected Task<bool> RunAsync(Func<Task> action) => Runner.RunAsync(action);

    /// <summary>Core's refusals: their messages are written to be shown to staff.</summary>
    public static bool IsRuleMessage(Exception e) => ActionRunner.IsRuleMessage(e);
}
