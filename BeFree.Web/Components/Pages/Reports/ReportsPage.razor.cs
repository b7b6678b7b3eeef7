using System.Globalization;
using System.Security.Claims;
using BeFree.Core.Reports;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.Reports;

/// <summary>Report figures for a date range, as charts, with CSV downloads. Shift leads and admins.</summary>
public partial class ReportsPage
{
    /// <summary>The range shown first: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    [Inject] private ReportService Reports { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private ILogger<ReportsPage> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string actorId = "";
    private bool isAdmin;
    private ReportRange? range;
    private ReportFigures? figures;
    private bool loading;
    private string? error;

    private IReadOnlyList<LabelCount> PerDay => figures!.PerDay
        .Select(d => new LabelCount(d.Day.ToString("MMM d", CultureInfo.InvariantCulture), d.Count)).ToList();

    private IReadOnlyList<LabelCount> PerHour => figures!.PerHourOfDay
        .Select(h => new LabelCount(h.Hour.ToString("00", CultureInfo.InvariantCulture), h.Count)).ToList();

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        isAdmin = user.IsInRole(StaffRoles.Admin);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Clock.GetUtcNow().UtcDateTime, Reports.TimeZone));
        range = new ReportRange(today.AddDays(1 - DefaultDays), today, IncludeTraining: false);
        await LoadAsync();
    }

    private async Task ApplyAsync(ReportRange chosen)
    {
        range = chosen;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (loading || range is null)
        {
            return;
        }
        loading = true;
        try
        {
            var query = ReportQuery.ForDays(range.From, range.To, Reports.TimeZone, range.IncludeTraining);
            figures = await Reports.BuildAsync(actorId, query);
            error = null;
        }
        catch (Exception e) when (e is StaffAuthorizationException or ReportQueryException)
        {
            figures = null;
            error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Building a report failed.");
            figures = null;
            error = "The report could not be built. Try again in a moment.";
        }
        finally
        {
            loading = false;
        }
    }
}
