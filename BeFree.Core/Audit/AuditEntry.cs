namespace BeFree.Core.Audit;

/// <summary>
/// One append-only audit record. Never holds message bodies or phone numbers:
/// subjects are referenced by id. The database refuses to update or delete a row, except sealing it
/// once (<see cref="ChainIndex"/> and <see cref="Hash"/> set where they were empty); see <see cref="AuditChain"/>.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredUtc { get; set; }
    /// <summary>Staff id, or null for the system or an anonymous caller.</summary>
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public string? SubjectType { get; set; }
    public string? SubjectId { get; set; }
    public string? Details { get; set; }

    /// <summary>Position in the hash chain (1, 2, 3…), set by the sealer; null until then.</summary>
    public long? ChainIndex { get; set; }

    /// <summary>SHA-256 (hex) over the previous entry's hash and this entry's fields; null until sealed.</summary>
    public string? Hash { get; set; }
}
