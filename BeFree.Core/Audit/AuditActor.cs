namespace BeFree.Core.Audit;

/// <summary>Who did something, as recorded in the audit log.</summary>
public sealed record AuditActor(string? Id, string Name)
{
    public static readonly AuditActor System = new(null, "system");

    public static AuditActor Anonymous(string attemptedName) => new(null, attemptedName);
}
