namespace BeFree.Core.Live;

/// <summary>
/// Whether the bus that carries live changes between app servers (Redis) is reachable, as the bus itself
/// last saw it. The metrics and the admin System page read it; the bus sets it. A single server has no
/// bus: <see cref="IsConfigured"/> stays false and nothing is reported.
/// </summary>
public sealed class LiveBusStatus
{
    private volatile bool _configured;
    private volatile bool _connected;

    public bool IsConfigured => _configured;

    /// <summary>Meaningful only when <see cref="IsConfigured"/>.</summary>
    public bool IsConnected => _connected;

    /// <summary>Called by the bus when it connects or loses its connection; marks the bus as configured.</summary>
    public void Set(bool connected)
    {
        _connected = connected;
        _configured = true;
    }
}
