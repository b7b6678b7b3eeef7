using BeFree.Core.Reports;
using BeFree.Core.Time;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BeFree.Tests.Core;

public sealed class HotlineTimeTests
{
    private static readonly DateTime Now = new(2026, 7, 1, 18, 30, 0, DateTimeKind.Utc);

    private static HotlineTime For(string zone, out FakeTimeProvider clock)
    {
        clock = new FakeTimeProvider(new DateTimeOffset(Now));
        return new HotlineTime(Options.Create(new ReportOptions { TimeZoneId = zone }), clock);
    }

    [Fact]
    public void Dates_and_times_are_written_in_the_hotlines_zone_in_one_format()
    {
        var time = For("America/Chicago", out _); // UTC-5 in July

        Assert.Equal("2026-07-01 13:30", time.Format(Now));
        Assert.Equal("13:30", time.FormatTime(Now));
        Assert.Equal("2026-06-30", time.FormatDate(new DateTime(2026, 7, 1, 3, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_time_read_back_without_a_kind_is_taken_as_utc()
        => Assert.Equal("2026-07-01 13:30", For("America/Chicago", out _).Format(DateTime.SpecifyKind(Now, DateTimeKind.Unspecified)));

    [Fact]
    public void Relative_times_read_as_people_scan_them()
    {
        var time = For("UTC", out var clock);

        Assert.Equal("just now", time.Relative(Now.AddSeconds(-20)));
        Assert.Equal("just now", time.Relative(Now.AddSeconds(5)));
        Assert.Equal("4 min ago", time.Relative(Now.AddMinutes(-4).AddSeconds(-30)));
        Assert.Equal("3 h ago", time.Relative(Now.AddHours(-3)));
        Assert.Equal("2026-06-29 18:30", time.Relative(Now.AddDays(-2)));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("10 min ago", time.Relative(Now));
    }

    [Theory]
    [InlineData(-5, "0 s")]
    [InlineData(45, "45 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(7800, "2 h 10 min")]
    [InlineData(273600, "3 d 4 h")]
    public void Durations_are_short(int seconds, string expected)
        => Assert.Equal(expected, HotlineTime.Duration(TimeSpan.FromSeconds(seconds)));
}
