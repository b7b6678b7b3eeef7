using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Data;

/// <summary>Section <c>Database</c>. The connection string itself is <c>ConnectionStrings:BeFree</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>How long a command waits on a busy SQLite file before failing.</summary>
    [Range(1, 300)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>Apply pending migrations at start-up (off only for tools that manage the schema themselves).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
