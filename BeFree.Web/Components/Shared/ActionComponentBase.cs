using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// What every component that changes something shares: an <see cref="ActionRunner"/> (one action
/// at a time, Core's refusals shown as written) and buttons that wait until the page is live.
/// </summary>
public abstract class ActionComponentBase : ComponentBase
{
    private ActionRunner? _runner;

    [Inject] private ILogger<ActionComponentBase> Logger { get; set; } = default!;

    /// <summary>Shown when an action fails for a reason other than one of Core's rules.</summary>
    protected virtual string UnexpectedErrorMessage => ActionRunner.UnexpectedError;

    protected ActionRunner Runner => _runner ??= new ActionRunner(Logger, UnexpectedErrorMessage);

    protected bool Busy => Runner.Busy;

    protected string? Error
    {
        get => Runner.Error;
        set => Runner.Error = value;
    }

    /// <summary>Buttons stay disabled until the page is live, so a click never posts a prerendered form.</summary>
    protected bool CanAct => RendererInfo.IsInteractive && !Busy;

    /// <summary>Runs the action unless one is already running. True when it finished without error.</summary>
    protected virtual Task<bool> RunAsync(Func<Task> action) => Runner.RunAsync(action);
}
