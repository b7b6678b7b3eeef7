namespace BeFree.Core.Audit;

/// <summary>
/// One append-only audit record. Never holds message bodies or phone numbers:
/// subjects are referenced by id.
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
}
