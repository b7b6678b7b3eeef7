using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeFree.Core.Data;

/// <summary>
/// Several app servers starting together on one database must not migrate it together: each would
/// find the same migrations pending and the second would fail half-way ("column already exists").
/// EF Core's own migration lock did not keep two servers apart on PostgreSQL in our cluster test, so
/// the whole migration runs under a database-wide lock held on the migrating connection: PostgreSQL's
/// session advisory lock, SQL Server's session application lock. SQLite needs none: one file, one
/// server, and its write lock already serializes.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    /// <summary>An arbitrary, fixed 64-bit key: "BeFree migrations".</summary>
    private const long PostgresKey = 0x4265467265654D67;
    private const string SqlServerResource = "BeFree migrations";

    private readonly BeFreeDbContext _db;
    private readonly string? _release;

    private MigrationLock(BeFreeDbContext db, string? release)
    {
        _db = db;
        _release = release;
    }

    /// <summary>Waits for the lock and keeps <paramref name="db"/>'s connection open until disposed, so the migration runs on it.</summary>
    public static async Task<MigrationLock> AcquireAsync(BeFreeDbContext db, CancellationToken cancellationToken)
    {
        string acquire, release;
        if (db.Database.IsNpgsql())
        {
            acquire = $"SELECT pg_advisory_lock({PostgresKey})";
            release = $"SELECT pg_advisory_unlock({PostgresKey})";
        }
        else if (db.Database.IsSqlServer())
        {
            acquire = $"EXEC sp_getapplock @Resource = N'{SqlServerResource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1";
            release = $"EXEC sp_releaseapplock @Resource = N'{SqlServerResource}', @LockOwner = 'Session'";
        }
        else
        {
            return new MigrationLock(db, null);
        }
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // No database yet: the migration creates it. Whoever creates a database for several servers creates it first (deploy/README.md).
            return new MigrationLock(db, null);
        }
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = acquire;
        command.CommandTimeout = 0; // Wait as long as the other server's migration takes.
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new MigrationLock(db, release);
    }

    public async ValueTask DisposeAsync()
    {
        if (_release is null)
        {
            return;
        }
        try
        {
            await using var command = _db.Database.GetDbConnection().CreateCommand();
            command.CommandText = _release;
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            // Closing the session releases the lock in any case.
            await _db.Database.CloseConnectionAsync();
        }
    }
}
