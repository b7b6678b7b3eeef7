using BeFree.Core.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeFree.Core.Conversations;

/// <summary>Who is on shift right now, as far as Core needs to know (reopening, lead alerts, the live board).</summary>
public interface IStaffPresence
{
    bool IsOnShift(string staffId);

    /// <summary>Staff ids with at least one open screen.</summary>
    IReadOnlyCollection<string> OnShiftStaffIds { get; }
}

public enum PresenceState
{
    Offline = 0,
    /// <summary>Screens open, but the person said they are away (a break): not offered new work by leads.</summary>
    Away = 1,
    Online = 2,
}

/// <summary>One person's presence. <see cref="Since"/> is when the current state began: the length of the stretch.</summary>
public sealed record StaffPresenceStatus(PresenceState State, DateTime? Since);

/// <summary>
/// A member of staff is on shift while they have at least one live connection open (every signed-in
/// screen registers its circuit and disposes the registration when it closes). Away is their own
/// toggle. Screens that show presence subscribe to changes.
/// <para>
/// The counting stays synchronous, under a lock: who is on shift must be right the moment a circuit opens
/// or closes (reopening and lead alerts read it). Only telling screens goes through a
/// <see cref="LiveFeed{T}"/>, so a slow screen never holds up a circuit opening or closing.
/// </para>
/// </summary>
public sealed class StaffPresenceRegistry(TimeProvider? clock = null, ILogger<StaffPresenceRegistry>? logger = null) : IStaffPresence
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Carries the id of the member of staff whose presence changed.</summary>
    private readonly LiveFeed<string> _changed = new("staff presence", (ILogger?)logger ?? NullLogger.Instance);

    private sealed class Entry
    {
        public int Connections;
        public bool Away;
        public DateTime Since;
    }

    public IDisposable Register(string staffId)
    {
        ArgumentException.ThrowIfNullOrEmpty(staffId);
        bool changed;
        lock (_gate)
        {
            if (!_entries.TryGetValue(staffId, out var entry))
            {
                entry = new Entry { Since = Now };
                _entries[staffId] = entry;
            }
            entry.Connections++;
            changed = entry.Connections == 1;
        }
        if (changed)
        {
            _changed.Publish(staffId);
        }
        return new Registration(this, staffId);
    }

    /// <summary>The person's own away toggle (a break). Ignored while they have no screen open.</summary>
    public bool SetAway(string staffId, bool away)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(staffId, out var entry) || entry.Away == away)
            {
                return false;
            }
            entry.Away = away;
            entry.Since = Now; // Coming back from a break starts a new stretch.
        }
        _changed.Publish(staffId);
        return true;
    }

    public StaffPresenceStatus GetStatus(string staffId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(staffId, out var entry) && entry.Connections > 0
                ? new StaffPresenceStatus(entry.Away ? PresenceState.Away : PresenceState.Online, entry.Since)
                : new StaffPresenceStatus(PresenceState.Offline, null);
        }
    }

    public bool IsOnShift(string staffId) => GetStatus(staffId).State != PresenceState.Offline;

    public IReadOnlyCollection<string> OnShiftStaffIds
    {
        get
        {
            lock (_gate)
            {
                return _entries.Where(kv => kv.Value.Connections > 0).Select(kv => kv.Key).ToList();
            }
        }
    }

    /// <summary>
    /// Called (without arguments: re-read what you show) whenever someone comes, goes, or toggles away;
    /// changes during one re-read collapse into one more call.
    /// </summary>
    public IDisposable Subscribe(Func<Task> handler) => _changed.Subscribe((_, _) => handler(), backlog: 1);

    /// <summary>As <see cref="Subscribe(Func{Task})"/>, for changes of one member of staff only.</summary>
    public IDisposable Subscribe(string staffId, Func<Task> handler)
        => _changed.Subscribe((_, _) => handler(), changedFor => changedFor == staffId, backlog: 1);

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private void Unregister(string staffId)
    {
        bool changed = false;
        lock (_gate)
        {
            if (_entries.TryGetValue(staffId, out var entry))
            {
                entry.Connections--;
                if (entry.Connections <= 0)
                {
                    _entries.Remove(staffId);
                    changed = true;
                }
            }
        }
        if (changed)
        {
            _changed.Publish(staffId);
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
