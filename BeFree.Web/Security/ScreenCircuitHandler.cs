using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Observability;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BeFree.Web.Security;

/// <summary>
/// While a screen's connection is up, it counts as an open screen and its member of staff is on
/// shift. Every signed-in page has an interactive component (the session guard), so every open
/// page has a circuit. Both follow the circuit's connection rather than the circuit itself: a
/// closed tab's circuit is kept for minutes in case it reconnects, but leads must not count on
/// someone who has gone, nor the system page on a screen nobody looks at.
/// </summary>
public sealed class ScreenCircuitHandler(
    AuthenticationStateProvider authenticationStateProvider,
    StaffPresenceRegistry presence,
    SystemFigures figures) : CircuitHandler, IDisposable
{
    private readonly Lock _gate = new();
    private string? _staffId;
    private IDisposable? _presence;
    private IDisposable? _screen;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authenticationStateProvider.GetAuthenticationStateAsync()).User;
        var staffId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        lock (_gate)
        {
            _staffId = string.IsNullOrEmpty(staffId) ? null : staffId;
        }
        Connect();
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Connect();
        return Task.CompletedTask;
    }

    /// <summary>The tab closed or the network dropped: off shift until the connection comes back.</summary>
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
        IDisposable? presenceRegistration, screenRegistration;
        lock (_gate)
        {
            (presenceRegistration, _presence) = (_presence, null);
            (screenRegistration, _screen) = (_screen, null);
        }
        presenceRegistration?.Dispose();
        screenRegistration?.Dispose();
    }

    private void Connect()
    {
        lock (_gate)
        {
            // Opened and connected both arrive for a new circuit: register once.
            _screen ??= figures.ScreenOpened();
            if (_staffId is not null && _presence is null)
            {
                _presence = presence.Register(_staffId);
            }
        }
    }
}
