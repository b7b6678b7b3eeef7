using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Reports;

/// <summary>
/// CSV downloads for shift leads and admins: the report's figures, a conversation list and the case
/// export for the hotline's CRM. None holds message text; numbers are masked (only an Admin may
/// export the case list unmasked). Every export is audited with its range and row count.
/// </summary>
public sealed class ReportExports(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    ReportService reports,
    IOptionsMonitor<ReportOptions> options,
    AuditLog audit)
{
    public static readonly IReadOnlyList<string> ReportHeader = ["Section", "Item", "Value"];

    public static readonly IReadOnlyList<string> ConversationListHeader =
    [
        "Conversation Reference", "Created (UTC)", "Closed (UTC)", "Status", "Risk", "Disposition", "Training",
        "Returning", "Opted Out", "Texter Number", "First Response (s)", "Time To Close (s)", "Escalations",
    ];

    public static readonly IReadOnlyList<string> CaseHeader =
    [
        "Subject", "Description", "Status", "Priority", "Origin", "CreatedDate", "ClosedDate", "Disposition",
        "Escalation Agency", "Conversation Reference", "Texter Number", "Risk",
    ];

    public async Task<CsvFile> ReportCsvAsync(string actorId, ReportQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, ReportService.ReportRoles);
        var valid = query.Validated(options.CurrentValue.MaxRangeDays);
        var rows = await ReportService.LoadCreatedInRangeAsync(db, valid, cancellationToken);
        var figures = reports.Compute(valid, rows, await ReportService.LoadEscalationsAsync(db, rows, cancellationToken));
        var lines = ReportLines(figures).ToList();
        return await SaveAuditedAsync(db, actor, AuditActions.ReportExported, valid, lines.Count, "",
            new CsvFile(FileName("report", valid), Csv.Write(ReportHeader, lines), lines.Count), cancellationToken);
    }

    public async Task<CsvFile> ConversationListCsvAsync(string actorId, ReportQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, ReportService.ReportRoles);
        var valid = query.Validated(options.CurrentValue.MaxRangeDays);
        var rows = await ReportService.LoadCreatedInRangeAsync(db, valid, cancellationToken);
        var escalations = (await ReportService.LoadEscalationsAsync(db, rows, cancellationToken))
            .GroupBy(e => e.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        var lines = rows.Select(r => (IReadOnlyList<string?>)
        [
            r.Reference, Iso(r.CreatedUtc), Iso(r.ClosedUtc), DisplayNames.Of(r.Status), DisplayNames.Of(r.Risk), r.Disposition,
            YesNo(r.IsTraining), YesNo(r.IsReturning), YesNo(r.OptedOut), PhoneMasking.Mask(r.PhoneNumber),
            Seconds(r.FirstResponse), Seconds(r.TimeToClose), escalations.GetValueOrDefault(r.Id).ToString(CultureInfo.InvariantCulture),
        ]).ToList();
        return await SaveAuditedAsync(db, actor, AuditActions.ConversationListExported, valid, lines.Count, "",
            new CsvFile(FileName("conversations", valid), Csv.Write(ConversationListHeader, lines), lines.Count), cancellationToken);
    }

    /// <summary>
    /// Closed conversations whose closing time is in the range, never training ones, mapped to
    /// Salesforce Case import columns (docs/case-export.md). <paramref name="unmasked"/> needs Admin.
    /// </summary>
    public async Task<CsvFile> CaseCsvAsync(string actorId, ReportQuery query, bool unmasked, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, ReportService.ReportRoles);
        if (unmasked && !actor.IsInRole(StaffRoles.Admin))
        {
            throw new StaffAuthorizationException(StaffMessages.Get("AdminOnlyFullNumbers"));
        }
        // Never training ones, whatever the report switch says: the file becomes real Salesforce cases and has no training column.
        var valid = query.Validated(options.CurrentValue.MaxRangeDays) with { IncludeTraining = false };
        var rows = await ReportService.LoadClosedInRangeAsync(db, valid, cancellationToken);
        var agencies = (await ReportService.LoadEscalationsAsync(db, rows, cancellationToken))
            .Where(ReportService.ReachedAgency)
            .GroupBy(e => e.ConversationId)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.OrderBy(e => e.SentUtc).Select(e => e.Agency).Distinct()));
        var lines = rows.Select(r => CaseLine(r, agencies.GetValueOrDefault(r.Id), unmasked)).ToList();
        return await SaveAuditedAsync(db, actor, AuditActions.CaseExported, valid, lines.Count,
            unmasked ? "; numbers=unmasked" : "; numbers=masked",
            new CsvFile(FileName(unmasked ? "cases-unmasked" : "cases", valid), Csv.Write(CaseHeader, lines), lines.Count), cancellationToken);
    }

    /// <summary>Salesforce Case priority: Imminent and High are High, Moderate is Medium, the rest Low.</summary>
    public static string CasePriority(RiskLevel risk) => risk switch
    {
        RiskLevel.Imminent or RiskLevel.High => "High",
        RiskLevel.Moderate => "Medium",
        _ => "Low",
    };

    private static IReadOnlyList<string?> CaseLine(ReportConversationRow row, string? agencies, bool unmasked) =>
    [
        $"SMS conversation {row.Reference}" + (string.IsNullOrWhiteSpace(row.Disposition) ? "" : $": {row.Disposition.Trim()}"),
        row.Summary ?? "",
        "Closed",
        CasePriority(row.Risk),
        "SMS",
        Iso(row.CreatedUtc),
        Iso(row.ClosedUtc),
        row.Disposition,
        agencies ?? "",
        row.Reference,
        unmasked ? row.PhoneNumber : PhoneMasking.Mask(row.PhoneNumber),
        row.Risk.ToString(),
    ];

    private static IEnumerable<IReadOnlyList<string?>> ReportLines(ReportFigures f)
    {
        yield return ["Range", "From (UTC)", Iso(f.Query.FromUtc)];
        yield return ["Range", "To (UTC, exclusive)", Iso(f.Query.ToUtc)];
        yield return ["Range", "Time zone", f.TimeZoneId];
        yield return ["Range", "Training included", YesNo(f.Query.IncludeTraining)];
        yield return ["Summary", "Conversations", Count(f.Conversations)];
        yield return ["Summary", "Closed", Count(f.Closed)];
        yield return ["Summary", "Substantive cases", Count(f.SubstantiveCases)];
        yield return ["Summary", "Opt-outs", Count(f.OptOuts)];
        yield return ["First response", "Answered", Count(f.FirstResponse.Count)];
        yield return ["First response", "Unanswered", Count(f.Unanswered)];
        yield return ["First response", "Median (s)", Seconds(f.FirstResponse.Median)];
        yield return ["First response", "P90 (s)", Seconds(f.FirstResponse.P90)];
        yield return ["Time to close", "Closed", Count(f.TimeToClose.Count)];
        yield return ["Time to close", "Median (s)", Seconds(f.TimeToClose.Median)];
        yield return ["Time to close", "P90 (s)", Seconds(f.TimeToClose.P90)];
        foreach (var day in f.PerDay)
        {
            yield return ["Conversations per day", day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Count(day.Count)];
        }
        foreach (var hour in f.PerHourOfDay)
        {
            yield return ["Conversations per hour of day", hour.Hour.ToString("00", CultureInfo.InvariantCulture), Count(hour.Count)];
        }
        foreach (var (section, items) in new[]
                 {
                     ("Disposition", f.Dispositions), ("Risk", f.RiskMix),
                     ("Escalations by status", f.EscalationsByStatus), ("Escalations by agency", f.EscalationsByAgency),
                     ("Referrals by kind", f.ReferralsByKind),
                 })
        {
            foreach (var item in items)
            {
                yield return [section, item.Label, Count(item.Count)];
            }
        }
    }

    private async Task<CsvFile> SaveAuditedAsync(BeFreeDbContext db, StaffMember actor, string action, ReportQuery query, int rows,
        string extra, CsvFile file, CancellationToken cancellationToken)
    {
        audit.Add(db, ConversationAccess.Actor(actor), action, "report", null,
            $"from={Iso(query.FromUtc)}; to={Iso(query.ToUtc)}; training={YesNo(query.IncludeTraining)}; rows={rows}{extra}");
        await db.SaveChangesAsync(cancellationToken);
        return file;
    }

    private string FileName(string kind, ReportQuery query)
    {
        var zone = options.CurrentValue.ResolveTimeZone();
        var from = TimeZoneInfo.ConvertTimeFromUtc(query.FromUtc, zone);
        var to = TimeZoneInfo.ConvertTimeFromUtc(query.ToUtc.AddTicks(-1), zone);
        return $"befree-{kind}-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.csv";
    }

    /// <summary>ISO 8601 UTC to the second, as Salesforce's import reads it.</summary>
    public static string Iso(DateTime? utc) => utc is { } value
        ? DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : "";

    private static string YesNo(bool value) => value ? "Yes" : "No";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan? value)
        => value is { } span ? Math.Round(span.TotalSeconds, 1).ToString("0.#", CultureInfo.InvariantCulture) : "";
}
