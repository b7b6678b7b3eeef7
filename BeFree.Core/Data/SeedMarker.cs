namespace BeFree.Core.Data;

/// <summary>
/// Records that a one-time start-up seed ran on this database, so it never runs again even after staff
/// deleted or deactivated everything it added. The key is the primary key: two servers starting together
/// cannot both record it, and the loser's seed rolls back with its marker.
/// </summary>
public sealed class SeedMarker
{
    public const int MaxKeyLength = 64;

    public string Key { get; set; } = "";
    public DateTime AppliedUtc { get; set; }
}
