using System.Security.Claims;
using BeFree.Core.Conversations;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BeFree.Web.Security;

/// <summary>
/// Marks a member of staff on shift while they have a live screen open. Every signed-in page has
/// an interactive component (the session guard), so every open page has a circuit. Presence
/// follows the circuit's connection rather than the circuit itself: a closed tab's circuit is kept
/// for minutes in case it reconnects, but leads must not count on someone who has gone.
/// </summary>
public sealed class PresenceCircuitHandler(
    AuthenticationStateProvider authenticationStateProvider,
    StaffPresenceRegistry presence) : CircuitHandler, IDisposable
{
    private readonly Lock _gate = new();
    private string? _staffId;
    private IDisposable? _registration;

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
        IDisposable? registration;
        lock (_gate)
        {
            registration = _registration;
            _registration = null;
        }
        registration?.Dispose();
    }

    private void Connect()
    {
        lock (_gate)
        {
            // Opened and connected both arrive for a new circuit: register once.
            if (_staffId is not null && _registration is null)
            {
                _registration = presence.Register(_staffId);
            }
        }
    }
}
