using BeFree.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeFree.Tests.Support;

/// <summary>
/// One test host's own database, on the provider this test run was started with: a SQLite file in
/// the host's folder by default, or a fresh PostgreSQL database when <c>BEFREE_TEST_POSTGRES</c>
/// holds a server connection string (scripts/test.sh starts a private server and runs the
/// integration tests a second time that way). Every host gets an empty, migrated database of its own.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "BEFREE_TEST_POSTGRES";

    /// <summary>
    /// <c>[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]</c>: a test about SQLite itself (its
    /// file, its lock), run in the SQLite pass only.
    /// </summary>
    public const string Trait = "Database";
    public const string SqliteOnly = "SqliteOnly";

    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    /// <summary>The provider of this whole run.</summary>
    public static DatabaseProvider Provider { get; } = PostgresServer is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSQL;

    private readonly string? _postgresDatabase;

    private TestDatabase(string connectionString, string? postgresDatabase)
    {
        ConnectionString = connectionString;
        _postgresDatabase = postgresDatabase;
    }

    public string ConnectionString { get; }

    /// <summary>The settings that point the app (or Core) at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:BeFree"] = ConnectionString,
    };

    public DatabaseOptions Options => new() { Provider = Provider.ToString(), ConnectionString = ConnectionString };

    /// <summary>A context outside any host, with the app's model and provider.</summary>
    public BeFreeDbContext CreateContext() => DatabaseConfiguration.CreateStandaloneContext(Options);

    /// <summary>A new database for a host whose files live in <paramref name="folder"/>.</summary>
    public static TestDatabase Create(string folder)
    {
        if (PostgresServer is null)
        {
            return new TestDatabase($"Data Source={Path.Combine(folder, "befree.db")}", null);
        }
        var name = "befree_test_" + Guid.NewGuid().ToString("N");
        PostgresTemplate.CreateDatabaseFromTemplate(name);
        return new TestDatabase(PostgresTemplate.ConnectionStringFor(name), name);
    }

    public void Dispose()
    {
        if (_postgresDatabase is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        PostgresTemplate.DropDatabase(_postgresDatabase);
    }

    /// <summary>
    /// Migrating every test's PostgreSQL database would cost seconds each; instead the run migrates
    /// one template once and each test database is copied from it (CREATE DATABASE … TEMPLATE).
    /// </summary>
    private static class PostgresTemplate
    {
        private static readonly string TemplateName = "befree_template_" + Guid.NewGuid().ToString("N");
        private static readonly Lock Gate = new();
        private static bool _migrated;

        public static string ConnectionStringFor(string database)
            => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString;

        public static void CreateDatabaseFromTemplate(string name)
        {
            // PostgreSQL refuses to copy a template that another session is creating from or connected to.
            lock (Gate)
            {
                if (!_migrated)
                {
                    Execute($"CREATE DATABASE \"{TemplateName}\"");
                    var options = new DatabaseOptions { Provider = nameof(DatabaseProvider.PostgreSQL), ConnectionString = ConnectionStringFor(TemplateName) };
                    using (var db = DatabaseConfiguration.CreateStandaloneContext(options))
                    {
                        db.Database.Migrate();
                    }
                    using (var connection = new NpgsqlConnection(options.ConnectionString))
                    {
                        NpgsqlConnection.ClearPool(connection);
                    }
                    _migrated = true;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => DropDatabase(TemplateName);
                }
                Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
            }
        }

        public static void DropDatabase(string name)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
                // The run's server is removed afterwards; a database left behind harms nothing.
            }
        }

        private static void Execute(string sql)
        {
            using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
