using BeFree.Core.Reports;
using BeFree.Tests.Core.Conversations;
using static BeFree.Tests.Core.Reports.ReportDataSet;

namespace BeFree.Tests.Core.Reports;

/// <summary>Days and hours are the hotline's own (New York here, UTC−4 in July), not UTC.</summary>
public sealed class ReportTimeZoneTests
{
    [Fact]
    public async Task Days_and_hours_are_counted_in_the_configured_zone()
    {
        await using var host = await WorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Retention:Enabled"] = "false",
            ["Reports:TimeZoneId"] = "America/New_York",
        });
        var lead = await host.CreateLeadAsync("Lena Lead");
        var data = new ReportDataSet(host, await host.CreateAdvocateAsync("Avery Advocate"));
        await data.ConversationAsync(Utc(7, 1, 3, 0), null, null);   // 30 June, 23:00 in New York: outside
        await data.ConversationAsync(Utc(7, 1, 4, 0), null, null);   // 1 July, 00:00
        await data.ConversationAsync(Utc(7, 2, 3, 30), null, null);  // 1 July, 23:30
        await data.ConversationAsync(Utc(7, 2, 4, 0), null, null);   // 2 July, 00:00: outside

        var service = host.Get<ReportService>();
        var query = ReportQuery.ForDays(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 1), service.TimeZone);
        var figures = await service.BuildAsync(lead, query);

        Assert.Equal(new ReportQuery(Utc(7, 1, 4, 0), Utc(7, 2, 4, 0)), query);
        Assert.Equal("America/New_York", figures.TimeZoneId);
        Assert.Equal([new DayCount(new DateOnly(2026, 7, 1), 2)], figures.PerDay);
        Assert.Equal(1, figures.PerHourOfDay[0].Count);
        Assert.Equal(1, figures.PerHourOfDay[23].Count);
        Assert.Equal(2, figures.PerHourOfDay.Sum(h => h.Count));
    }
}
