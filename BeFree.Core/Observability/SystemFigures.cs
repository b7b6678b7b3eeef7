using System.Collections.Concurrent;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Live;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Observability;

/// <summary>What the database says at one moment: the queue and the outbound backlog (texts Twilio does not have yet).</summary>
public sealed record DatabaseFigures(DateTime ReadUtc, int QueueLength, DateTime? OldestQueuedUtc, int OutboundQueued, int OutboundSending, int OutboundHeld)
{
    /// <summary>Before the first read.</summary>
    public static readonly DatabaseFigures NotRead = new(DateTime.MinValue, 0, null, 0, 0, 0);

    public int OutboundBacklog => OutboundQueued + OutboundSending + OutboundHeld;
}

/// <summary>One kind of Twilio webhook handled by this server since it started.</summary>
public sealed record WebhookFigures(string Kind, long Count, TimeSpan TotalTime);

public enum LiveBusState
{
    /// <summary>One app server: no bus between servers.</summary>
    NotConfigured,
    Connected,
    Unavailable,
}

/// <summary>
/// Everything the System page and the metrics show, at <see cref="TakenUtc"/>. The database figures are
/// the latest cached read (<see cref="DatabaseFigures.ReadUtc"/>); the totals count since this server started.
/// </summary>
public sealed record SystemSnapshot(
    DateTime TakenUtc,
    DatabaseFigures Database,
    int OpenScreens,
    long TextsStored,
    long OutboundFailures,
    IReadOnlyList<WebhookFigures> Webhooks,
    LiveBusState LiveBus)
{
    /// <summary>How long the longest-waiting conversation has waited, as of now; null when nobody waits.</summary>
    public TimeSpan? OldestWait => Database.OldestQueuedUtc is { } queued
        ? (TakenUtc > queued ? TakenUtc - queued : TimeSpan.Zero)
        : null;
}

/// <summary>Rates between two snapshots of one server (the page's few-second tick).</summary>
public sealed record SystemRates(TimeSpan Interval, double TextsPerMinute, IReadOnlyDictionary<string, TimeSpan?> MeanWebhookTime)
{
    public static SystemRates Between(SystemSnapshot earlier, SystemSnapshot later)
    {
        var interval = later.TakenUtc - earlier.TakenUtc;
        var perMinute = interval > TimeSpan.Zero ? (later.TextsStored - earlier.TextsStored) / interval.TotalMinutes : 0;
        var before = earlier.Webhooks.ToDictionary(w => w.Kind);
        var mean = later.Webhooks.ToDictionary(w => w.Kind, w =>
        {
            var previous = before.GetValueOrDefault(w.Kind);
            var count = w.Count - (previous?.Count ?? 0);
            return count > 0 ? (w.TotalTime - (previous?.TotalTime ?? TimeSpan.Zero)) / count : (TimeSpan?)null;
        });
        return new SystemRates(interval, perMinute, mean);
    }
}

/// <summary>
/// The live figures of the pipeline, shared by the metrics (<see cref="BeFreeMetrics"/>) and the admin System
/// page. Reading them is cheap: the database figures are cached and re-read by <see cref="SystemFiguresRefresher"/>
/// after conversation changes (at most once a second) or every <c>Metrics:RefreshSeconds</c>, never per scrape
/// or per screen; the rest are in-process counts.
/// </summary>
public sealed class SystemFigures(IDbContextFactory<BeFreeDbContext> dbFactory, LiveBusStatus liveBus, TimeProvider clock, ILogger<SystemFigures> logger)
{
    private readonly LiveFeed<bool> _changed = new("system figures", logger);
    private readonly ConcurrentDictionary<string, WebhookTotals> _webhooks = new(StringComparer.Ordinal);
    private DatabaseFigures _database = DatabaseFigures.NotRead;
    private int _openScreens;
    private long _textsStored;
    private long _outboundFailures;

    /// <summary>
    /// Outbound texts not yet accepted by Twilio: queued, being sent or waiting for a retry, and held for the
    /// advocate (the sender leaves those alone until someone sends them again or discards them).
    /// </summary>
    private static readonly MessageStatus[] BacklogStatuses = [MessageStatus.Queued, MessageStatus.Sending, MessageStatus.Held];

    public DatabaseFigures Database => Volatile.Read(ref _database);

    public int OpenScreens => Volatile.Read(ref _openScreens);

    public long TextsStored => Interlocked.Read(ref _textsStored);

    public long OutboundFailures => Interlocked.Read(ref _outboundFailures);

    public LiveBusState LiveBus => !liveBus.IsConfigured ? LiveBusState.NotConfigured
        : liveBus.IsConnected ? LiveBusState.Connected : LiveBusState.Unavailable;

    /// <summary>The figures as they are now, without touching the database.</summary>
    public SystemSnapshot Current => new(
        clock.GetUtcNow().UtcDateTime,
        Database,
        OpenScreens,
        TextsStored,
        OutboundFailures,
        _webhooks.Select(w => w.Value.Figures(w.Key)).OrderBy(w => w.Kind, StringComparer.Ordinal).ToList(),
        LiveBus);

    /// <summary>The current figures for an Admin (checked against the database now).</summary>
    public async Task<SystemSnapshot> GetAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        }
        return Current;
    }

    /// <summary>Called (without arguments: re-read) after each database refresh and when a screen opens or closes.</summary>
    public IDisposable Subscribe(Func<Task> handler) => _changed.Subscribe((_, _) => handler(), backlog: 1);

    /// <summary>Re-reads the queue and the outbound backlog: two small indexed counts and one grouped count.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var readUtc = clock.GetUtcNow().UtcDateTime;
        var queued = db.Conversations.AsNoTracking().Where(c => c.Status == ConversationStatus.Queued);
        var queueLength = await queued.CountAsync(cancellationToken);
        var oldest = queueLength == 0 ? null : await queued.MinAsync(c => (DateTime?)c.QueuedUtc, cancellationToken);
        var backlog = await db.Messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.Outbound && m.TwilioSid == null && BacklogStatuses.Contains(m.Status))
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        Volatile.Write(ref _database, new DatabaseFigures(readUtc, queueLength, oldest,
            backlog.GetValueOrDefault(MessageStatus.Queued),
            backlog.GetValueOrDefault(MessageStatus.Sending),
            backlog.GetValueOrDefault(MessageStatus.Held)));
        _changed.Publish(true);
    }

    /// <summary>One open screen (a connected circuit) until the returned registration is disposed.</summary>
    public IDisposable ScreenOpened()
    {
        Interlocked.Increment(ref _openScreens);
        _changed.Publish(true);
        return new ScreenRegistration(this);
    }

    internal void AddTextStored() => Interlocked.Increment(ref _textsStored);

    internal void AddOutboundFailure() => Interlocked.Increment(ref _outboundFailures);

    internal void AddWebhook(string kind, TimeSpan elapsed) => _webhooks.GetOrAdd(kind, _ => new WebhookTotals()).Add(elapsed);

    private sealed class WebhookTotals
    {
        private long _count;
        private long _ticks;

        public void Add(TimeSpan elapsed)
        {
            Interlocked.Add(ref _ticks, elapsed.Ticks);
            Interlocked.Increment(ref _count);
        }

        public WebhookFigures Figures(string kind) => new(kind, Interlocked.Read(ref _count), TimeSpan.FromTicks(Interlocked.Read(ref _ticks)));
    }

    private sealed class ScreenRegistration(SystemFigures owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._openScreens);
                owner._changed.Publish(true);
            }
        }
    }
}
