using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BeFree.Benchmarks;

/// <summary>
/// Where the database time goes, from EF Core's diagnostic events (no tools needed): commands by
/// kind and table with their count and time, and transactions committed. Statements the inbound
/// writer prepares itself (PreparedRowWriter) do not pass through EF and are not counted here.
/// </summary>
internal sealed partial class EfProfile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, Totals> _commands = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _listeners;
    private long _commits;
    private long _commitTicks;

    public EfProfile() => _listeners = DiagnosticListener.AllListeners.Subscribe(this);

    private sealed class Totals
    {
        public long Count;
        public long Ticks;
    }

    public void Reset()
    {
        _commands.Clear();
        Interlocked.Exchange(ref _commits, 0);
        Interlocked.Exchange(ref _commitTicks, 0);
    }

    /// <summary>Prints the commands per text, heaviest first.</summary>
    public void Print(int texts)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"EF profile over {texts} texts: {_commits} commits ({(double)_commits / texts:F2} per text, {TimeSpan.FromTicks(_commitTicks).TotalMilliseconds / Math.Max(1, _commits):F2} ms each)"));
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
