using BeFree.Core.Observability;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BeFree.Web.Observability;

/// <summary>
/// Counts open screens: a circuit while its connection is up. A closed tab's circuit is kept for minutes in
/// case it reconnects, but it is not a screen anyone is looking at (as for presence).
/// </summary>
public sealed class OpenScreenCircuitHandler(SystemFigures figures) : CircuitHandler, IDisposable
{
    private readonly Lock _gate = new();
    private IDisposable? _registration;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _registration ??= figures.ScreenOpened();
        }
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Also runs when the circuit's scope ends without a clean close.</summary>
    public void Dispose()
    {
        IDisposable? registration;
        lock (_gate)
        {
            (registration, _registration) = (_registration, null);
        }
        registration?.Dispose();
    }
}
