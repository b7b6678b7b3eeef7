using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

/// <summary>
/// Writes and reads the append-only audit table. There is deliberately no update or delete, and the
/// database refuses both (see <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditLog(IDbContextFactory<BeFreeDbContext> dbFactory, IOptionsMonitor<AuditOptions> options, TimeProvider clock)
{
    public async Task WriteAsync(AuditActor actor, string action, string? subjectType = null,
        string? subjectId = null, string? details = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(Create(actor, action, subjectType, subjectId, details));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the entry unless the same actor wrote the same action, subject and details within
    /// <see cref="AuditOptions.ReadWindow"/>. Two app servers racing may both write: a duplicate, never a gap.
    /// </summary>
    public async Task WriteOncePerWindowAsync(AuditActor actor, string action, string subjectType, string subjectId, string details,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = Create(actor, action, subjectType, subjectId, details);
        var since = entry.OccurredUtc - options.CurrentValue.ReadWindow;
        var recent = await db.AuditEntries.AnyAsync(e => e.SubjectId == subjectId && e.OccurredUtc > since
            && e.Action == action && e.SubjectType == subjectType && e.ActorId == actor.Id && e.Details == entry.Details, cancellationToken);
        if (!recent)
        {
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Adds an entry to a context the caller saves, so the audit row commits with the change it describes.</summary>
    public void Add(BeFreeDbContext db, AuditActor actor, string action, string? subjectType = null,
        string? subjectId = null, string? details = null)
        => db.AuditEntries.Add(Create(actor, action, subjectType, subjectId, details));

    private AuditEntry Create(AuditActor actor, string action, string? subjectType, string? subjectId, string? details) => new()
    {
        OccurredUtc = clock.GetUtcNow().UtcDateTime,
        ActorId = actor.Id,
        // An anonymous sign-in attempt records whatever was typed as the name.
        ActorName = AuditRedaction.RemovePhoneNumbers(actor.Name),
        Action = action,
        SubjectType = subjectType,
        SubjectId = subjectId,
        // Whoever wrote them, details never keep a phone number.
        Details = details is null ? null : AuditRedaction.RemovePhoneNumbers(details),
    };

    public const int MaxPageSize = 500;

    /// <summary>
    /// One page of entries, newest first. Only an active, enrolled Admin may read the log.
    /// Text filters ignore case; times without a kind are taken as UTC.
    /// </summary>
    public async Task<AuditPage> QueryAsync(string actorId, AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        IQueryable<AuditEntry> rows = db.AuditEntries.AsNoTracking();
        if (query.FromUtc is { } from)
        {
            var fromUtc = AsUtc(from);
            rows = rows.Where(e => e.OccurredUtc >= fromUtc);
        }
        if (query.ToUtc is { } to)
        {
            var toUtc = AsUtc(to);
            rows = rows.Where(e => e.OccurredUtc < toUtc);
        }
        if (Normalized(query.Actor) is { } actor)
        {
            rows = rows.Where(e => e.ActorName.ToLower().Contains(actor));
        }
        if (Normalized(query.Action) is { } action)
        {
            rows = rows.Where(e => e.Action.ToLower().StartsWith(action));
        }
        if (!string.IsNullOrWhiteSpace(query.SubjectId))
        {
            var subjectId = query.SubjectId.Trim();
            rows = rows.Where(e => e.SubjectId == subjectId);
        }
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderByDescending(e => e.Id)
            .Skip(Math.Max(query.Skip, 0)).Take(Math.Clamp(query.Take, 1, MaxPageSize))
            .ToListAsync(cancellationToken);
        return new AuditPage(page, total);
    }

    private static string? Normalized(string? filter)
        => string.IsNullOrWhiteSpace(filter) ? null : filter.Trim().ToLowerInvariant();

    // The UTC value converter would read an unspecified time as server-local; a filter is meant as UTC.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
