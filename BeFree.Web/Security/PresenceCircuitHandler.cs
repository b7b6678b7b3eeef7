using System.Security.Claims;
using BeFree.Core.Conversations;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BeFree.Web.Security;

/// <summary>
/// Marks a member of staff on shift while they have a live screen open. Every signed-in page has
/// an interactive component (the session guard), so every open page has a circuit: it registers
/// when the circuit opens and lets go when it closes.
/// </summary>
public sealed class PresenceCircuitHandler(
    AuthenticationStateProvider authenticationStateProvider,
    StaffPresenceRegistry presence) : CircuitHandler, IDisposable
{
    private IDisposable? _registration;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authenticationStateProvider.GetAuthenticationStateAsync()).User;
        var staffId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (!string.IsNullOrEmpty(staffId))
        {
            _registration?.Dispose();
            _registration = presence.Register(staffId);
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Also runs when the circuit's scope ends without a clean close.</summary>
    public void Dispose()
    {
        _registration?.Dispose();
        _registration = null;
    }
}
