using System.Globalization;
using System.Security.Claims;
using System.Text;
using BeFree.Core.Reports;
using BeFree.Core.Staff;
using BeFree.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace BeFree.Web.Endpoints;

/// <summary>
/// CSV downloads behind plain links on the reports page. GET only: nothing changes but the audit
/// log, so antiforgery is not needed. Core checks the actor again against the database.
/// Dates are whole days (yyyy-MM-dd) in the hotline's time zone, the last day included.
/// </summary>
public static class ExportEndpoints
{
    public const string ReportPath = "/exports/report.csv";
    public const string ConversationsPath = "/exports/conversations.csv";
    public const string CasesPath = "/exports/cases.csv";

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var exports = endpoints.MapGroup("/exports").RequireAuthorization(StaffPolicies.LeadOrAdmin);
        exports.MapGet("/report.csv", (HttpContext http, ReportExports service, ReportService reports,
                [FromQuery] string? from, [FromQuery] string? to, [FromQuery] bool? training)
            => DownloadAsync(http, reports, from, to, training ?? false, (actor, query, ct) => service.ReportCsvAsync(actor, query, ct)));
        exports.MapGet("/conversations.csv", (HttpContext http, ReportExports service, ReportService reports,
                [FromQuery] string? from, [FromQuery] string? to, [FromQuery] bool? training)
            => DownloadAsync(http, reports, from, to, training ?? false, (actor, query, ct) => service.ConversationListCsvAsync(actor, query, ct)));
        exports.MapGet("/cases.csv", (HttpContext http, ReportExports service, ReportService reports,
                [FromQuery] string? from, [FromQuery] string? to, [FromQuery] bool? unmasked)
            => DownloadAsync(http, reports, from, to, false, (actor, query, ct) => service.CaseCsvAsync(actor, query, unmasked ?? false, ct)));
        return endpoints;
    }

    /// <summary>The query string a page links to for the given days.</summary>
    public static string Link(string path, DateOnly from, DateOnly to, bool training = false, bool unmasked = false)
        => $"{path}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"
           + (training ? "&training=true" : "")
           + (unmasked ? "&unmasked=true" : "");

    private static async Task<IResult> DownloadAsync(HttpContext http, ReportService reports, string? from, string? to, bool training,
        Func<string, ReportQuery, CancellationToken, Task<CsvFile>> export)
    {
        if (!TryParseDay(from, out var fromDay) || !TryParseDay(to, out var toDay))
        {
            return Results.Text("Give 'from' and 'to' as dates, for example from=2026-07-01&to=2026-07-31.", statusCode: StatusCodes.Status400BadRequest);
        }
        var actorId = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        try
        {
            var query = ReportQuery.ForDays(fromDay, toDay, reports.TimeZone, training);
            var file = await export(actorId, query, http.RequestAborted);
            // Sensitive: never kept by a browser or proxy cache.
            http.Response.Headers.CacheControl = "no-store";
            // The byte-order mark lets spreadsheet programs read the file as UTF-8.
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(file.Content)).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", file.FileName);
        }
        catch (StaffAuthorizationException e)
        {
            return Results.Text(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (ReportQueryException e)
        {
            return Results.Text(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static bool TryParseDay(string? value, out DateOnly day)
        => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
