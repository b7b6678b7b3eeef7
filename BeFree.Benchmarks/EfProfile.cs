using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BeFree.Benchmarks;

/// <summary>
/// Where the database time goes, from EF Core's diagnostic events (no tools needed): commands by
/// kind and table with their count and time, transactions committed, connections opened and
/// contexts created; on PostgreSQL also Npgsql's own meter, which sees every statement (the inbound
/// writer's prepared rows too, which do not pass through EF) and every physical connection made.
/// </summary>
internal sealed partial class EfProfile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, Totals> _commands = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _listeners;
    private readonly MeterListener _meters = new();
    private long _commits;
    private long _commitTicks;
    private long _opens;
    private long _contexts;
    private long _npgsqlCommands;
    private long _npgsqlPhysicalOpens;

    public EfProfile()
    {
        _listeners = DiagnosticListener.AllListeners.Subscribe(this);
        // Npgsql's meter: db.client.operation.duration has one measurement per command sent (EF's and
        // raw ADO.NET's alike); db.client.connection.npgsql.create_time one per physical connection opened.
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is "db.client.operation.duration" or "db.client.connection.npgsql.create_time")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>(OnNpgsqlMeasurement);
        _meters.Start();
    }

    private sealed class Totals
    {
        public long Count;
        public long Ticks;
    }

    private void OnNpgsqlMeasurement(Instrument instrument, double measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == "db.client.operation.duration")
        {
            Interlocked.Increment(ref _npgsqlCommands);
        }
        else
        {
            Interlocked.Increment(ref _npgsqlPhysicalOpens);
        }
    }

    public void Reset()
    {
        _commands.Clear();
        Interlocked.Exchange(ref _commits, 0);
        Interlocked.Exchange(ref _commitTicks, 0);
        Interlocked.Exchange(ref _opens, 0);
        Interlocked.Exchange(ref _contexts, 0);
        Interlocked.Exchange(ref _npgsqlCommands, 0);
        Interlocked.Exchange(ref _npgsqlPhysicalOpens, 0);
    }

    /// <summary>Prints the totals per text and the commands per text, heaviest first; <paramref name="appCpuMsPerText"/> is the measured rounds' process CPU.</summary>
    public void Print(int texts, double appCpuMsPerText, double bareCpuMsPerText)
    {
        var efCommands = _commands.Values.Sum(c => c.Count);
        var npgsql = _npgsqlCommands > 0
            ? string.Create(CultureInfo.InvariantCulture, $", {(double)_npgsqlCommands / texts:F2} Npgsql statements (all), {(double)_npgsqlPhysicalOpens / texts:F3} physical connections")
            : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"profile per text over {texts} texts: {(double)efCommands / texts:F2} EF statements, {(double)_commits / texts:F2} commits ({TimeSpan.FromTicks(_commitTicks).TotalMilliseconds / Math.Max(1, _commits):F2} ms each), {(double)_opens / texts:F2} connection opens, {(double)_contexts / texts:F2} contexts created{npgsql}; process CPU {appCpuMsPerText:F2} ms per text (bare endpoint {bareCpuMsPerText:F2}; both include the load driver and, for the app, the fake Twilio)"));
        foreach (var (kind, totals) in _commands.OrderByDescending(c => c.Value.Ticks).Take(14))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind,-48} {(double)totals.Count / texts,6:F2} per text  {TimeSpan.FromTicks(totals.Ticks).TotalMilliseconds / Math.Max(1, totals.Count),7:F3} ms each  {TimeSpan.FromTicks(totals.Ticks).TotalMilliseconds / texts,7:F3} ms per text"));
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                var totals = _commands.GetOrAdd(Kind(executed.Command.CommandText), _ => new Totals());
                Interlocked.Increment(ref totals.Count);
                Interlocked.Add(ref totals.Ticks, executed.Duration.Ticks);
                break;
            case ConnectionEndEventData when value.Key == RelationalEventId.ConnectionOpened.Name:
                Interlocked.Increment(ref _opens);
                break;
            case ContextInitializedEventData:
                Interlocked.Increment(ref _contexts);
                break;
            case TransactionEndEventData ended when value.Key == RelationalEventId.TransactionCommitted.Name:
                Interlocked.Increment(ref _commits);
                Interlocked.Add(ref _commitTicks, ended.Duration.Ticks);
                break;
        }
    }

    /// <summary>"UPDATE Messages", "SELECT Messages", …: the statement's verb and first table.</summary>
    private static string Kind(string sql)
    {
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0).ToList();
        var parts = statements.Select(statement =>
        {
            var verb = statement.Split([' ', '\n', '\r'], 2)[0].ToUpperInvariant();
            var table = TableName().Match(statement);
            return table.Success ? $"{verb} {table.Groups[1].Value}" : verb;
        }).Distinct();
        return string.Join(" + ", parts);
    }

    [GeneratedRegex("""(?:FROM|INTO|UPDATE)\s+"?(\w+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex TableName();

    public void Dispose()
    {
        _meters.Dispose();
        _listeners.Dispose();
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
