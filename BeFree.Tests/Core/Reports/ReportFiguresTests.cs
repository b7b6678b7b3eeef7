using BeFree.Core.Escalations;
using BeFree.Core.Reports;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using static BeFree.Tests.Core.Reports.ReportDataSet;

namespace BeFree.Tests.Core.Reports;

/// <summary>
/// Figures over a small data set, each worked out by hand (see the comments). The range is
/// 1–3 July 2026 in UTC; first responses are 60, 120, 300, 600 and 1200 seconds; times to close
/// 1800, 3600, 3600 and 7200 seconds.
/// </summary>
public sealed class ReportFiguresTests : IAsyncLifetime
{
    private static readonly ReportQuery July1To3 = new(Utc(7, 1, 0, 0), Utc(7, 4, 0, 0));

    private WorkspaceHost _host = null!;
    private string _lead = null!;
    private string _advocate = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Retention:Enabled"] = "false" });
        _lead = await _host.CreateLeadAsync("Lena Lead");
        _advocate = await _host.CreateAdvocateAsync("Avery Advocate");
        var data = new ReportDataSet(_host, _advocate);
        var agencyA = await data.AgencyAsync("Agency A");
        var agencyB = await data.AgencyAsync("Agency B");
        var agencyC = await data.AgencyAsync("Agency C");

        await data.ConversationAsync(Utc(7, 1, 9, 0), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1800), RiskLevel.High, "Substantive case");
        await data.ConversationAsync(Utc(7, 1, 9, 40), TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(3600), RiskLevel.Low, "Information only");
        var imminent = await data.ConversationAsync(Utc(7, 1, 22, 15), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(3600), RiskLevel.Imminent, "Substantive case");
        await data.EscalationAsync(imminent, agencyA, EscalationStatus.Sent, Utc(7, 1, 22, 30));
        await data.EscalationAsync(imminent, agencyB, EscalationStatus.Draft);
        await data.ConversationAsync(Utc(7, 2, 3, 0), TimeSpan.FromSeconds(600), null, RiskLevel.Moderate, optedOut: true);
        await data.ConversationAsync(Utc(7, 3, 9, 5), null, null);
        var referral = await data.ConversationAsync(Utc(7, 2, 14, 0), TimeSpan.FromSeconds(1200), TimeSpan.FromSeconds(7200), RiskLevel.High, "Referral made");
        await data.EscalationAsync(referral, agencyA, EscalationStatus.Acknowledged, Utc(7, 2, 15, 0));
        await data.EscalationAsync(referral, agencyC, EscalationStatus.Withdrawn);

        // Training: only with IncludeTraining. First response 30 s.
        await data.ConversationAsync(Utc(7, 2, 9, 0), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(300), RiskLevel.Low, "Information only", training: true);
        // Outside the range: a second before it starts, and the instant it ends.
        await data.ConversationAsync(Utc(6, 30, 23, 59, 59), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), RiskLevel.High, "Substantive case");
        await data.ConversationAsync(Utc(7, 4, 0, 0), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), RiskLevel.High, "Substantive case");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<ReportFigures> BuildAsync(ReportQuery query) => _host.Get<ReportService>().BuildAsync(_lead, query);

    [Fact]
    public async Task Counts_conversations_per_day_and_per_hour_of_day_within_the_range()
    {
        var figures = await BuildAsync(July1To3);

        Assert.Equal(6, figures.Conversations);
        Assert.Equal(
            [new DayCount(new DateOnly(2026, 7, 1), 3), new DayCount(new DateOnly(2026, 7, 2), 2), new DayCount(new DateOnly(2026, 7, 3), 1)],
            figures.PerDay);
        Assert.Equal(24, figures.PerHourOfDay.Count);
        var expectedHours = new Dictionary<int, int> { [9] = 3, [22] = 1, [3] = 1, [14] = 1 };
        Assert.All(figures.PerHourOfDay, h => Assert.Equal(expectedHours.GetValueOrDefault(h.Hour), h.Count));
    }

    [Fact]
    public async Task First_response_is_the_first_advocate_reply_after_the_first_text_ignoring_automatic_replies()
    {
        var figures = await BuildAsync(July1To3);

        // 60, 120, 300, 600, 1200: median the middle value; p90 at rank 3.6 = 600 + 0.6 × 600.
        Assert.Equal(5, figures.FirstResponse.Count);
        Assert.Equal(TimeSpan.FromSeconds(300), figures.FirstResponse.Median);
        Assert.Equal(TimeSpan.FromSeconds(960), figures.FirstResponse.P90);
        Assert.Equal(1, figures.Unanswered);
    }

    [Fact]
    public async Task Time_to_close_counts_closed_conversations_only()
    {
        var figures = await BuildAsync(July1To3);

        // 1800, 3600, 3600, 7200: median (3600 + 3600) / 2; p90 at rank 2.7 = 3600 + 0.7 × 3600.
        Assert.Equal(4, figures.Closed);
        Assert.Equal(4, figures.TimeToClose.Count);
        Assert.Equal(TimeSpan.FromSeconds(3600), figures.TimeToClose.Median);
        Assert.Equal(TimeSpan.FromSeconds(6120), figures.TimeToClose.P90);
    }

    [Fact]
    public async Task Dispositions_risk_mix_escalations_and_opt_outs()
    {
        var figures = await BuildAsync(July1To3);

        Assert.Equal([new LabelCount("Substantive case", 2), new LabelCount("Information only", 1), new LabelCount("Referral made", 1)],
            figures.Dispositions);
        Assert.Equal(2, figures.SubstantiveCases);
        Assert.Equal(
            [new LabelCount("Imminent", 1), new LabelCount("High", 2), new LabelCount("Moderate", 1), new LabelCount("Low", 1), new LabelCount("Not assessed", 1)],
            figures.RiskMix);
        Assert.Equal(
            [
                new LabelCount("Draft", 1), new LabelCount("Awaiting approval", 0), new LabelCount("Approved", 0),
                new LabelCount("Sent", 1), new LabelCount("Acknowledged", 1), new LabelCount("Withdrawn", 1),
            ],
            figures.EscalationsByStatus);
        // Only escalations that reached the agency: the draft to B and the withdrawn one to C do not count.
        Assert.Equal([new LabelCount("Agency A", 2)], figures.EscalationsByAgency);
        Assert.Equal(1, figures.OptOuts);
    }

    [Fact]
    public async Task Training_conversations_count_only_when_asked_for()
    {
        var figures = await BuildAsync(July1To3 with { IncludeTraining = true });

        Assert.Equal(7, figures.Conversations);
        Assert.Equal(3, figures.PerDay.Single(d => d.Day == new DateOnly(2026, 7, 2)).Count);
        // 30, 60, 120, 300, 600, 1200: median (120 + 300) / 2.
        Assert.Equal(TimeSpan.FromSeconds(210), figures.FirstResponse.Median);
        Assert.Equal(new LabelCount("Information only", 2), figures.Dispositions.Single(d => d.Label == "Information only"));
    }

    [Fact]
    public async Task Whole_days_in_the_hotline_time_zone_make_the_range()
    {
        var query = ReportQuery.ForDays(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 3), TimeZoneInfo.Utc);
        Assert.Equal(July1To3, query);

        Assert.Throws<ReportQueryException>(() => ReportQuery.ForDays(new DateOnly(2026, 7, 3), new DateOnly(2026, 7, 1), TimeZoneInfo.Utc));
        await Assert.ThrowsAsync<ReportQueryException>(() => BuildAsync(new ReportQuery(Utc(7, 4, 0, 0), Utc(7, 1, 0, 0))));
        // At most Reports:MaxRangeDays (366 by default) whole days.
        var longest = ReportQuery.ForDays(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1), TimeZoneInfo.Utc);
        var wholeYear = await BuildAsync(longest);
        Assert.Equal(366, wholeYear.PerDay.Count);
        Assert.Equal(8, wholeYear.Conversations);
        var tooLong = ReportQuery.ForDays(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 2), TimeZoneInfo.Utc);
        var refused = await Assert.ThrowsAsync<ReportQueryException>(() => BuildAsync(tooLong));
        Assert.Contains("366 days", refused.Message);
    }

    [Fact]
    public async Task Advocates_cannot_build_reports_or_export()
    {
        var exports = _host.Get<ReportExports>();
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => _host.Get<ReportService>().BuildAsync(_advocate, July1To3));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => exports.ReportCsvAsync(_advocate, July1To3));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => exports.ConversationListCsvAsync(_advocate, July1To3));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => exports.CaseCsvAsync(_advocate, July1To3, unmasked: false));
    }

    [Fact]
    public void Percentiles_interpolate_between_closest_ranks()
    {
        Assert.Equal(5, ReportMath.Percentile([5], 0.9));
        Assert.Equal(15, ReportMath.Percentile([10, 20], 0.5));
        Assert.Equal(19, ReportMath.Percentile([10, 20], 0.9), 6);
        Assert.Equal(new DurationStats(0, null, null), DurationStats.Of([]));
    }
}
