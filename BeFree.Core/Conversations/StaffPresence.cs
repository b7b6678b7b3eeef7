using System.Text.Json;
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
/// <para>
/// Several app servers (a shared <see cref="ILiveBus"/>): each server counts its own circuits and sends
/// the whole of its presence (who, away or not, since when) to the others on every change and every
/// <see cref="HeartbeatInterval"/>, and keeps it in a shared table that a starting server reads. Another
/// server's entries count until <see cref="RemoteEntriesExpireAfter"/> passes without news from it, so
/// the circuits of a server that died stop counting by themselves. Someone with screens on several
/// servers is online if any of them is; away only when all of them say so.
/// </para>
/// </summary>
public sealed class StaffPresenceRegistry : IStaffPresence, IDisposable
{
    /// <summary>How often a server repeats its presence to the others.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    /// <summary>Another server's presence stops counting this long after its last news (servers' clocks must agree to a few seconds).</summary>
    public static readonly TimeSpan RemoteEntriesExpireAfter = TimeSpan.FromSeconds(20);

    /// <summary>The bus channel and shared table of the servers' presence.</summary>
    public const string SharedName = "staff presence servers";

    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServerPresence> _otherServers = new(StringComparer.Ordinal);
    /// <summary>Disabled accounts: offline at once, even while a screen of theirs is still open until their session ends.</summary>
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);
    private readonly ILiveBus? _bus;
    private readonly ITimer? _heartbeat;
    private int _heartbeats;
    private long _sequence;

    /// <summary>Carries the id of the member of staff whose presence changed. This server's screens only: servers exchange whole presences.</summary>
    private readonly LiveFeed<string> _changed;

    public StaffPresenceRegistry(TimeProvider? clock = null, ILogger<StaffPresenceRegistry>? logger = null, ILiveBus? bus = null)
    {
        _clock = clock ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _changed = new("staff presence", _logger);
        if (bus is { IsShared: true })
        {
            _bus = bus;
            bus.Receive(SharedName, FromOtherServer);
            _heartbeat = _clock.CreateTimer(_ => Heartbeat(), null, TimeSpan.Zero, HeartbeatInterval);
        }
    }

    private sealed class Entry
    {
        public int Connections;
        public bool Away;
        public DateTime Since;
    }

    /// <summary>One server's presence as it sends it: everyone with a screen open on it.</summary>
    /// <param name="Sequence">Counts up with each of the server's messages: a later message wins even within one clock tick.</param>
    internal sealed record ServerPresence(string Server, long Sequence, DateTime AtUtc, List<RemoteEntry> Staff);

    internal sealed record RemoteEntry(string StaffId, bool Away, DateTime Since);

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
            Changed(staffId);
        }
        return new Registration(this, staffId);
    }

    /// <summary>The person's own away toggle (a break). Ignored while they have no screen open on this server.</summary>
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
        Changed(staffId);
        return true;
    }

    /// <summary>
    /// Called when an account is disabled (or enabled again): a disabled person shows offline at once here, and to
    /// other servers from this server's next presence message, though their open screen lives on until the session check ends it.
    /// </summary>
    public void SetAccountDisabled(string staffId, bool disabled)
    {
        ArgumentException.ThrowIfNullOrEmpty(staffId);
        bool changed;
        lock (_gate)
        {
            changed = disabled ? _disabled.Add(staffId) : _disabled.Remove(staffId);
        }
        if (changed)
        {
            Changed(staffId);
        }
    }

    public StaffPresenceStatus GetStatus(string staffId)
    {
        lock (_gate)
        {
            return StatusOf(staffId, Now);
        }
    }

    public bool IsOnShift(string staffId) => GetStatus(staffId).State != PresenceState.Offline;

    public IReadOnlyCollection<string> OnShiftStaffIds
    {
        get
        {
            lock (_gate)
            {
                var now = Now;
                return _entries.Where(kv => kv.Value.Connections > 0).Select(kv => kv.Key)
                    .Concat(FreshOtherServers(now).SelectMany(s => s.Staff).Select(e => e.StaffId))
                    .Where(id => !_disabled.Contains(id))
                    .Distinct(StringComparer.Ordinal).ToList();
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

    /// <summary>Under the lock.</summary>
    private StaffPresenceStatus StatusOf(string staffId, DateTime now)
    {
        if (_disabled.Contains(staffId))
        {
            return new StaffPresenceStatus(PresenceState.Offline, null);
        }
        var entries = FreshOtherServers(now).SelectMany(s => s.Staff).Where(e => e.StaffId == staffId).ToList();
        if (_entries.TryGetValue(staffId, out var local) && local.Connections > 0)
        {
            entries.Add(new RemoteEntry(staffId, local.Away, local.Since));
        }
        if (entries.Count == 0)
        {
            return new StaffPresenceStatus(PresenceState.Offline, null);
        }
        var online = entries.Where(e => !e.Away).ToList();
        return online.Count > 0
            ? new StaffPresenceStatus(PresenceState.Online, online.Min(e => e.Since))
            : new StaffPresenceStatus(PresenceState.Away, entries.Max(e => e.Since));
    }

    /// <summary>Under the lock.</summary>
    private IEnumerable<ServerPresence> FreshOtherServers(DateTime now)
        => _otherServers.Values.Where(s => now - s.AtUtc <= RemoteEntriesExpireAfter);

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
            Changed(staffId);
        }
    }

    private void Changed(string staffId)
    {
        _changed.Publish(staffId);
        SendPresence();
    }

    /// <summary>Tells the other servers who has a screen open here. Returns at once.</summary>
    private void SendPresence()
    {
        if (_bus is null)
        {
            return;
        }
        string json;
        lock (_gate)
        {
            json = JsonSerializer.Serialize(new ServerPresence(_bus.ServerId, ++_sequence, Now,
                _entries.Where(kv => kv.Value.Connections > 0 && !_disabled.Contains(kv.Key)).Select(kv => new RemoteEntry(kv.Key, kv.Value.Away, kv.Value.Since)).ToList()));
        }
        _bus.Send(SharedName, json);
        _bus.PutShared(SharedName, _bus.ServerId, json);
    }

    private void FromOtherServer(string json)
    {
        ServerPresence? presence;
        try
        {
            presence = JsonSerializer.Deserialize<ServerPresence>(json);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "Another server's staff presence could not be read");
            return;
        }
        if (presence is null || presence.Server == _bus?.ServerId)
        {
            return;
        }
        List<string> changed;
        lock (_gate)
        {
            var now = Now;
            if (now - presence.AtUtc > RemoteEntriesExpireAfter)
            {
                return; // A server that stopped without a word: left in the shared table, and no longer counting.
            }
            if (_otherServers.TryGetValue(presence.Server, out var known) && known.Sequence >= presence.Sequence)
            {
                return; // Older news than we have.
            }
            var before = Statuses(presence.Staff.Select(e => e.StaffId).Concat(known?.Staff.Select(e => e.StaffId) ?? []), now);
            _otherServers[presence.Server] = presence;
            changed = before.Where(b => StatusOf(b.Key, now) != b.Value).Select(b => b.Key).ToList();
        }
        foreach (var staffId in changed)
        {
            _changed.Publish(staffId);
        }
    }

    /// <summary>Under the lock.</summary>
    private Dictionary<string, StaffPresenceStatus> Statuses(IEnumerable<string> staffIds, DateTime now)
        => staffIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => StatusOf(id, now), StringComparer.Ordinal);

    /// <summary>Repeats this server's presence, forgets servers gone silent, and now and then re-reads the shared table.</summary>
    private void Heartbeat()
    {
        try
        {
            SendPresence();
            List<string> changed;
            List<string> silent;
            lock (_gate)
            {
                var now = Now;
                silent = _otherServers.Values.Where(s => now - s.AtUtc > RemoteEntriesExpireAfter).Select(s => s.Server).ToList();
                // Their entries already stopped counting (StatusOf skips stale servers); tell screens once, then forget them.
                changed = silent.SelectMany(server => _otherServers[server].Staff.Select(e => e.StaffId)).Distinct(StringComparer.Ordinal).ToList();
                foreach (var server in silent)
                {
                    _otherServers.Remove(server);
                }
            }
            foreach (var server in silent)
            {
                _logger.LogInformation("App server {Server} has not sent its staff presence for {Seconds} s: its screens no longer count",
                    server[..Math.Min(8, server.Length)], RemoteEntriesExpireAfter.TotalSeconds);
                _bus!.RemoveShared(SharedName, server);
            }
            foreach (var staffId in changed)
            {
                _changed.Publish(staffId);
            }
            // At start, and every few beats: catches up with servers whose messages this one missed (it started later, Redis blinked).
            if (Interlocked.Increment(ref _heartbeats) % 6 == 1)
            {
                _ = ReadSharedAsync();
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Staff presence could not be exchanged with the other servers");
        }
    }

    private async Task ReadSharedAsync()
    {
        try
        {
            foreach (var json in (await _bus!.ReadSharedAsync(SharedName)).Values)
            {
                FromOtherServer(json);
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "The other servers' staff presence could not be read");
        }
    }

    /// <summary>A server stopping cleanly takes its screens off shift at once instead of after the expiry.</summary>
    public void Dispose()
    {
        if (_heartbeat is null || _bus is null)
        {
            return;
        }
        _heartbeat.Dispose();
        lock (_gate)
        {
            _entries.Clear();
        }
        SendPresence();
        _bus.RemoveShared(SharedName, _bus.ServerId);
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
