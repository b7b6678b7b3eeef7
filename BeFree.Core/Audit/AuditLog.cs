using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Audit;

public sealed record AuditQuery(
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    string? Actor = null,
    string? Action = null,
    string? SubjectId = null,
    int Skip = 0,
    int Take = 100);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int TotalCount);

/// <summary>Writes and reads the append-only audit table. There is deliberately no update or delete.</summary>
public sealed class AuditLog(IDbContextFactory<BeFreeDbContext> dbFactory, TimeProvider clock)
{
    public async Task WriteAsync(AuditActor actor, string action, string? subjectType = null,
        string? subjectId = null, string? details = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(Create(actor, action, subjectType, subjectId, details));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds an entry to a context the caller saves, so the audit row commits with the change it describes.</summary>
    public void Add(BeFreeDbContext db, AuditActor actor, string action, string? subjectType = null,
        string? subjectId = null, string? details = null)
        => db.AuditEntries.Add(Create(actor, action, subjectType, subjectId, details));

    private AuditEntry Create(AuditActor actor, string action, string? subjectType, string? subjectId, string? details) => new()
    {
        OccurredUtc = clock.GetUtcNow().UtcDateTime,
        ActorId = actor.Id,
        ActorName = actor.Name,
        Action = action,
        SubjectType = subjectType,
        SubjectId = subjectId,
        Details = details,
    };

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IQueryable<AuditEntry> rows = db.AuditEntries.AsNoTracking();
        if (query.FromUtc is { } from) rows = rows.Where(e => e.OccurredUtc >= from);
        if (query.ToUtc is { } to) rows = rows.Where(e => e.OccurredUtc < to);
        if (!string.IsNullOrWhiteSpace(query.Actor)) rows = rows.Where(e => e.ActorName.Contains(query.Actor));
        if (!string.IsNullOrWhiteSpace(query.Action)) rows = rows.Where(e => e.Action.StartsWith(query.Action));
        if (!string.IsNullOrWhiteSpace(query.SubjectId)) rows = rows.Where(e => e.SubjectId == query.SubjectId);
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderByDescending(e => e.Id).Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 500))
            .ToListAsync(cancellationToken);
        return new AuditPage(page, total);
    }
}
