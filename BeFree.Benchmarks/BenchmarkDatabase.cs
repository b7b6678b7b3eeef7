using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BeFree.Benchmarks;

/// <summary>Which database the benchmark runs on: <c>--database sqlite|postgres</c> (and <c>--postgres</c>, the server).</summary>
internal sealed record BenchmarkDatabase(bool Postgres, string? ServerConnectionString)
{
    public static BenchmarkDatabase Parse(string[] args) => IngestBenchmark.StringArg(args, "--database") switch
    {
        null or "sqlite" => new BenchmarkDatabase(false, null),
        "postgres" or "postgresql" => new BenchmarkDatabase(true,
            IngestBenchmark.StringArg(args, "--postgres") ?? Environment.GetEnvironmentVariable("BEFREE_TEST_POSTGRES")
            ?? throw new ArgumentException("--database postgres needs --postgres <connection string> or BEFREE_TEST_POSTGRES (scripts/test-postgres.sh start DIR prints one).")),
        var other => throw new ArgumentException($"Unknown --database '{other}'."),
    };

    public Task<BenchmarkDatabases> CreateAsync() => Postgres
        ? BenchmarkDatabases.CreatePostgresAsync(ServerConnectionString!)
        : Task.FromResult(BenchmarkDatabases.CreateSqlite());
}

/// <summary>
/// The run's two databases, the app's and the bare endpoint's, made fresh and removed afterwards:
/// two SQLite files in a temp folder, or two databases on the PostgreSQL server.
/// </summary>
internal sealed class BenchmarkDatabases : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _server;
    private readonly string[] _postgresDatabases = [];

    private BenchmarkDatabases(string name, string provider, string appConnectionString, string bareConnectionString,
        string? folder, string? server, string[] postgresDatabases)
    {
        Name = name;
        Provider = provider;
        AppConnectionString = appConnectionString;
        BareConnectionString = bareConnectionString;
        _folder = folder;
        _server = server;
        _postgresDatabases = postgresDatabases;
    }

    public string Name { get; }
    /// <summary>The app's Database:Provider.</summary>
    public string Provider { get; }
    public string AppConnectionString { get; }
    public string BareConnectionString { get; }
    public bool IsPostgres => _server is not null;

    public DbConnection OpenBareConnection() => IsPostgres ? new NpgsqlConnection(BareConnectionString) : new SqliteConnection(BareConnectionString);

    public static BenchmarkDatabases CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "befree-benchmark-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var bare = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bare.db"), Pooling = true, DefaultTimeout = 30 }.ToString();
        return new BenchmarkDatabases("SQLite", "Sqlite", $"Data Source={Path.Combine(folder, "befree.db")}", bare, folder, null, []);
    }

    public static async Task<BenchmarkDatabases> CreatePostgresAsync(string server)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        string[] names = [$"befree_bench_{suffix}", $"bare_bench_{suffix}"];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            foreach (var name in names)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
        string On(string database) => new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 100 }.ToString();
        return new BenchmarkDatabases("PostgreSQL", "PostgreSQL", On(names[0]), On(names[1]), null, server, names);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_folder is not null)
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
        if (_server is not null)
        {
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            foreach (var name in _postgresDatabases)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
