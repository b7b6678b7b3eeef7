using System.Globalization;
using BeFree.Core.Reports;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Reports;

/// <summary>Report figures for a date range, as charts, with CSV downloads. Shift leads and admins.</summary>
public partial class ReportsPage
{
    /// <summary>The range shown first: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    [Inject] public required ReportService Reports { get; set; }
    [Inject] public required TimeProvider Clock { get; set; }
    [Inject] public required ILogger<ReportsPage> Logger { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private ReportRange? _range;
    private ReportFigures? _figures;
    private bool _loading;
    private string? _error;

    private IReadOnlyList<LabelCount> PerDay => _figures!.PerDay
        .Select(d => new LabelCount(HotlineTime.DayLabel(d.Day), d.Count)).ToList();

    private IReadOnlyList<LabelCount> PerHour => _figures!.PerHourOfDay
        .Select(h => new LabelCount(h.Hour.ToString("00", CultureInfo.InvariantCulture), h.Count)).ToList();

    protected override async Task OnInitializedAsync()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Clock.GetUtcNow().UtcDateTime, Reports.TimeZone));
        _range = new ReportRange(today.AddDays(1 - DefaultDays), today, IncludeTraining: false);
        await LoadAsync();
    }

    private async Task ApplyAsync(ReportRange chosen)
    {
        _range = chosen;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_loading || _range is null)
        {
            return;
        }
        _loading = true;
        try
        {
            var query = ReportQuery.ForDays(_range.From, _range.To, Reports.TimeZone, _range.IncludeTraining);
            _figures = await Reports.BuildAsync(Staff.Id, query);
            _error = null;
        }
        catch (Exception e) when (e is StaffAuthorizationException or ReportQueryException)
        {
            _figures = null;
            _error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Building a report failed.");
            _figures = null;
            _error = L["Error_Report"];
        }
        finally
        {
            _loading = false;
        }
    }
}
