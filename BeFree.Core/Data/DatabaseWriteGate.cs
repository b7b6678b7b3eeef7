using Microsoft.Extensions.Options;

namespace BeFree.Core.Data;

/// <summary>
/// The app's hot writers (the inbound batch writer and <see cref="SmallWriteQueue"/>) take turns
/// through this gate. On SQLite it lets one of them write at a time: SQLite has one write lock, and
/// writers that race for it sleep in its busy handler (milliseconds each, seconds under load)
/// instead of queueing fairly here. PostgreSQL and SQL Server lock rows, so there it never waits.
/// </summary>
public sealed class DatabaseWriteGate
{
    private readonly SemaphoreSlim? _sqliteWriter;

    public DatabaseWriteGate(IOptions<DatabaseOptions> options)
        : this(options.Value.ParsedProvider == DatabaseProvider.Sqlite)
    {
    }

    internal DatabaseWriteGate(bool serializeWrites)
    {
        _sqliteWriter = serializeWrites ? new SemaphoreSlim(1, 1) : null;
    }

    /// <summary>True on SQLite: one writer at a time in this process.</summary>
    public bool SerializesWrites => _sqliteWriter is not null;

    /// <summary>Waits for this writer's turn (at once where writes are not serialized); dispose the turn to pass it on.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (_sqliteWriter is null)
        {
            return default;
        }
        await _sqliteWriter.WaitAsync(cancellationToken);
        return new Turn(_sqliteWriter);
    }

    public readonly struct Turn(SemaphoreSlim? writer) : IDisposable
    {
        public void Dispose() => writer?.Release();
    }
}
