using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Reports;

/// <summary>
/// Report figures for shift leads and admins. Rows are read plainly and the figures computed here
/// in C#, so every provider gives the same answer (SQLite has no percentile function).
/// </summary>
public sealed class ReportService(IDbContextFactory<BeFreeDbContext> dbFactory, IOptionsMonitor<ReportOptions> options)
{
    internal static readonly string[] ReportRoles = [StaffRoles.ShiftLead, StaffRoles.Admin];

    public TimeZoneInfo TimeZone => options.CurrentValue.ResolveTimeZone();

    public async Task<ReportFigures> BuildAsync(string actorId, ReportQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, ReportRoles);
        var valid = query.Validated(options.CurrentValue.MaxRangeDays);
        var rows = await LoadCreatedInRangeAsync(db, valid, cancellationToken);
        var escalations = await LoadEscalationsAsync(db, rows, cancellationToken);
        var referrals = await LoadReferralKindsAsync(db, rows, cancellationToken);
        return Compute(valid, rows, escalations, referrals);
    }

    /// <summary>Referrals sent in the conversations of the range (whenever they were sent), by kind.</summary>
    internal static async Task<List<BeFree.Core.Referrals.ServiceKind>> LoadReferralKindsAsync(BeFreeDbContext db, IReadOnlyList<ReportConversationRow> rows,
        CancellationToken cancellationToken)
    {
        var kinds = new List<BeFree.Core.Referrals.ServiceKind>();
        foreach (var chunk in rows.Select(r => r.Id).Chunk(500))
        {
            kinds.AddRange(await db.Referrals.AsNoTracking().Where(r => chunk.Contains(r.ConversationId)).Select(r => r.Kind).ToListAsync(cancellationToken));
        }
        return kinds;
    }

    internal ReportFigures Compute(ReportQuery query, IReadOnlyList<ReportConversationRow> rows, IReadOnlyList<ReportEscalationRow> escalations,
        IReadOnlyList<BeFree.Core.Referrals.ServiceKind>? referrals = null)
    {
        var settings = options.CurrentValue;
        var zone = settings.ResolveTimeZone();
        DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone);

        var firstDay = DateOnly.FromDateTime(Local(query.FromUtc));
        var lastDay = DateOnly.FromDateTime(Local(query.ToUtc.AddTicks(-1)));
        var byDay = rows.GroupBy(r => DateOnly.FromDateTime(Local(r.CreatedUtc))).ToDictionary(g => g.Key, g => g.Count());
        var perDay = new List<DayCount>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            perDay.Add(new DayCount(day, byDay.GetValueOrDefault(day)));
        }
        var byHour = rows.GroupBy(r => Local(r.CreatedUtc).Hour).ToDictionary(g => g.Key, g => g.Count());
        var perHour = Enumerable.Range(0, 24).Select(h => new HourCount(h, byHour.GetValueOrDefault(h))).ToList();

        var closed = rows.Where(r => r.Status == ConversationStatus.Closed).ToList();
        var substantive = settings.EffectiveSubstantiveDispositions;
        var dispositions = closed
            .GroupBy(r => string.IsNullOrWhiteSpace(r.Disposition) ? "(none)" : r.Disposition.Trim())
            .Select(g => new LabelCount(g.Key, g.Count()))
            .OrderByDescending(d => d.Count).ThenBy(d => d.Label, StringComparer.Ordinal).ToList();

        var riskMix = Enum.GetValues<RiskLevel>().OrderByDescending(r => r)
            .Select(level => new LabelCount(DisplayNames.Of(level), rows.Count(r => r.Risk == level))).ToList();
        var byStatus = Enum.GetValues<EscalationStatus>()
            .Select(status => new LabelCount(DisplayNames.Of(status), escalations.Count(e => e.Status == status))).ToList();
        var byAgency = escalations.Where(ReachedAgency)
            .GroupBy(e => e.Agency)
            .Select(g => new LabelCount(g.Key, g.Count()))
            .OrderByDescending(a => a.Count).ThenBy(a => a.Label, StringComparer.Ordinal).ToList();

        return new ReportFigures(
            query,
            settings.TimeZoneId,
            rows.Count,
            closed.Count,
            perDay,
            perHour,
            DurationStats.Of(rows.Where(r => r.FirstResponse is not null).Select(r => r.FirstResponse!.Value)),
            rows.Count(r => r.FirstResponse is null),
            DurationStats.Of(closed.Where(r => r.TimeToClose is not null).Select(r => r.TimeToClose!.Value)),
            dispositions,
            closed.Count(r => r.Disposition is { } d && substantive.Contains(d.Trim())),
            riskMix,
            byStatus,
            byAgency,
            rows.Count(r => r.OptedOut),
            Enum.GetValues<BeFree.Core.Referrals.ServiceKind>()
                .Select(kind => new LabelCount(BeFree.Core.Referrals.ReferralDirectory.KindText(kind), (referrals ?? []).Count(k => k == kind))).ToList());
    }

    internal static bool ReachedAgency(ReportEscalationRow escalation)
        => escalation.Status is EscalationStatus.Sent or EscalationStatus.Acknowledged;

    internal static Task<List<ReportConversationRow>> LoadCreatedInRangeAsync(BeFreeDbContext db, ReportQuery query, CancellationToken cancellationToken)
    {
        var conversations = db.Conversations.AsNoTracking().Where(c => c.CreatedUtc >= query.FromUtc && c.CreatedUtc < query.ToUtc);
        return LoadAsync(query.IncludeTraining ? conversations : conversations.Where(c => !c.IsTraining), cancellationToken);
    }

    /// <summary>Closed in the range; training conversations only when the query includes them, as every report query.</summary>
    internal static Task<List<ReportConversationRow>> LoadClosedInRangeAsync(BeFreeDbContext db, ReportQuery query, CancellationToken cancellationToken)
    {
        var conversations = db.Conversations.AsNoTracking().Where(c => c.Status == ConversationStatus.Closed
            && c.ClosedUtc >= query.FromUtc && c.ClosedUtc < query.ToUtc);
        return LoadAsync(query.IncludeTraining ? conversations : conversations.Where(c => !c.IsTraining), cancellationToken);
    }

    private static async Task<List<ReportConversationRow>> LoadAsync(IQueryable<Conversation> conversations, CancellationToken cancellationToken)
    {
        var rows = await conversations
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.Texter.PhoneNumber,
                c.CreatedUtc,
                c.ClosedUtc,
                c.Status,
                c.Risk,
                c.Disposition,
                c.Summary,
                c.IsTraining,
                c.IsReturning,
                c.OptOutAlert,
                FirstReply = c.Messages
                    .Where(m => m.Direction == MessageDirection.Outbound && m.Origin == MessageOrigin.Advocate)
                    .Min(m => (DateTime?)m.CreatedUtc),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ReportConversationRow(r.Id, r.PhoneNumber, r.CreatedUtc, r.ClosedUtc, r.Status, r.Risk,
                r.Disposition, r.Summary, r.IsTraining, r.IsReturning, r.OptOutAlert,
                // An aggregate may come back without its kind; every stored time is UTC.
                r.FirstReply is { } reply ? DateTime.SpecifyKind(reply, DateTimeKind.Utc) : null))
            .ToList();
    }

    internal static async Task<List<ReportEscalationRow>> LoadEscalationsAsync(BeFreeDbContext db, IReadOnlyList<ReportConversationRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.Id).ToList();
        var escalations = new List<ReportEscalationRow>();
        // In chunks: a very long IN list is slow on every provider.
        foreach (var chunk in ids.Chunk(500))
        {
            escalations.AddRange(await db.Escalations.AsNoTracking()
                .Where(e => chunk.Contains(e.ConversationId))
                .OrderBy(e => e.Id)
                .Select(e => new ReportEscalationRow(e.ConversationId, e.Status, e.Contact.Agency, e.SentUtc))
                .ToListAsync(cancellationToken));
        }
        return escalations;
    }
}
