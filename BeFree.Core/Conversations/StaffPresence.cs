using System.Collections.Concurrent;

namespace BeFree.Core.Conversations;

/// <summary>Who is on shift right now, as far as Core needs to know (reopening, lead alerts).</summary>
public interface IStaffPresence
{
    bool IsOnShift(string staffId);

    /// <summary>Staff ids with at least one open screen.</summary>
    IReadOnlyCollection<string> OnShiftStaffIds { get; }
}

/// <summary>
/// A member of staff is on shift while they have at least one live connection open (an interactive
/// screen registers on start and disposes the registration when it closes).
/// </summary>
public sealed class StaffPresenceRegistry : IStaffPresence
{
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);

    public IDisposable Register(string staffId)
    {
        ArgumentException.ThrowIfNullOrEmpty(staffId);
        _connections.AddOrUpdate(staffId, 1, (_, count) => count + 1);
        return new Registration(this, staffId);
    }

    public bool IsOnShift(string staffId) => _connections.TryGetValue(staffId, out var count) && count > 0;

    public IReadOnlyCollection<string> OnShiftStaffIds => _connections.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToList();

    private void Unregister(string staffId)
    {
        while (_connections.TryGetValue(staffId, out var count))
        {
            if (count <= 1)
            {
                if (_connections.TryRemove(new KeyValuePair<string, int>(staffId, count)))
                {
                    return;
                }
            }
            else if (_connections.TryUpdate(staffId, count - 1, count))
            {
                return;
            }
        }
    }

    private sealed class Registration(StaffPresenceRegistry owner, string staffId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unregister(staffId);
            }
        }
    }
}
