using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Data;

/// <summary>
/// Section <c>Database</c>: which database BeFree keeps its records in. The connection string itself
/// is <c>ConnectionStrings:BeFree</c>; <see cref="ConnectionString"/> carries it once resolved.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (the embedded default), <c>PostgreSQL</c> or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>
    /// From <c>ConnectionStrings:BeFree</c>. For SQLite it defaults to <c>App_Data/befree.db</c> under
    /// the app; the server databases have no default.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a command waits on a busy database (SQLite's lock, a server's command timeout) before failing.</summary>
    [Range(1, 300)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>Apply pending migrations at start-up (off only for tools that manage the schema themselves).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The provider named by <see cref="Provider"/> (any case), or null when it names none BeFree knows.</summary>
    public DatabaseProvider? ParsedProvider
        => Enum.GetValues<DatabaseProvider>().Select(p => (DatabaseProvider?)p)
            .FirstOrDefault(p => string.Equals(p.ToString(), Provider?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The databases BeFree runs on. Each has its own migrations assembly (docs/decisions/0009-three-database-providers.md).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
    SqlServer,
}
