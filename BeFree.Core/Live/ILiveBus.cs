namespace BeFree.Core.Live;

/// <summary>
/// Carries live changes between app servers, so a text taken by one server shows on screens served by
/// another. Without a shared bus (one server) every call is a no-op. Implementations never make the
/// caller wait for the network: sending hands the message over and returns; if the bus is down,
/// messages are dropped (and logged): only other servers' screens miss them, nothing is lost from the
/// database, and screens catch up at their next change or re-read.
/// </summary>
public interface ILiveBus
{
    /// <summary>Identifies this server's messages (and its presence entries) on the bus.</summary>
    string ServerId { get; }

    /// <summary>True when other servers may be listening (a shared bus is configured).</summary>
    bool IsShared { get; }

    /// <summary>True when messages currently reach other servers.</summary>
    bool IsConnected { get; }

    /// <summary>Hands <paramref name="message"/> to the other servers on <paramref name="channel"/>; returns at once.</summary>
    void Send(string channel, string message);

    /// <summary>
    /// Calls <paramref name="handler"/> with each message another server sends on <paramref name="channel"/>
    /// (never this server's own), one at a time, in the order they were sent. Keep the handler short and
    /// non-blocking. Dispose to stop.
    /// </summary>
    IDisposable Receive(string channel, Action<string> handler);

    /// <summary>Stores <paramref name="value"/> under <paramref name="field"/> of a shared table; returns at once.</summary>
    void PutShared(string table, string field, string value);

    /// <summary>Removes a field of a shared table; returns at once.</summary>
    void RemoveShared(string table, string field);

    /// <summary>Everything in a shared table; empty when there is no shared bus or it does not answer.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadSharedAsync(string table, CancellationToken cancellationToken = default);
}

/// <summary>One app server: there is nobody to tell, so nothing leaves the process.</summary>
public sealed class InProcessLiveBus : ILiveBus
{
    public static readonly InProcessLiveBus Instance = new();

    public string ServerId { get; } = Guid.NewGuid().ToString("N");

    public bool IsShared => false;

    public bool IsConnected => true;

    public void Send(string channel, string message)
    {
    }

    public IDisposable Receive(string channel, Action<string> handler) => Nothing.Instance;

    public void PutShared(string table, string field, string value)
    {
    }

    public void RemoveShared(string table, string field)
    {
    }

    public Task<IReadOnlyDictionary<string, string>> ReadSharedAsync(string table, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
