namespace BeFree.Core.Audit;

/// <summary>Who did something, as recorded in the audit log.</summary>
public sealed record AuditActor(string? Id, string Name)
{
    public static readonly AuditActor System = new(null, "system");

    /// <summary>How screens name BeFree itself as the one who acted (a lexicon suggestion), in the reader's language; the log keeps <see cref="System"/>'s name.</summary>
    public static string SystemDisplayName => AuditMessages.Get("Actor_System");

    public static AuditActor Anonymous(string attemptedName) => new(null, attemptedName);
}
