namespace BeFree.Core.Reports;

/// <summary>
/// Conversations created in [<see cref="FromUtc"/>, <see cref="ToUtc"/>) (the case export uses
/// the closing time instead). Training conversations are left out unless asked for.
/// </summary>
public sealed record ReportQuery(DateTime FromUtc, DateTime ToUtc, bool IncludeTraining = false)
{
    /// <summary>Whole days <paramref name="from"/> to <paramref name="toInclusive"/> in the hotline's zone.</summary>
    public static ReportQuery ForDays(DateOnly from, DateOnly toInclusive, TimeZoneInfo zone, bool includeTraining = false)
    {
        if (toInclusive < from)
        {
            throw new ReportQueryException(ReportMessages.Get("LastBeforeFirst"));
        }
        return new ReportQuery(StartOfDayUtc(from, zone), StartOfDayUtc(toInclusive.AddDays(1), zone), includeTraining);
    }

    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a daylight-saving change: the day starts at the first valid time.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The same query with UTC kinds, checked against the longest allowed range.</summary>
    public ReportQuery Validated(int maxRangeDays)
    {
        var from = AsUtc(FromUtc);
        var to = AsUtc(ToUtc);
        if (from >= to)
        {
            throw new ReportQueryException(ReportMessages.Get("StartAfterEnd"));
        }
        // An hour of slack: whole local days across a daylight-saving change are an hour longer.
        if (to - from > TimeSpan.FromDays(maxRangeDays) + TimeSpan.FromHours(1))
        {
            throw new ReportQueryException(ReportMessages.Get("RangeTooLong", maxRangeDays));
        }
        return this with { FromUtc = from, ToUtc = to };
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}

/// <summary>A report or export request that cannot be answered as asked. The message is safe to show.</summary>
public sealed class ReportQueryException(string message) : Exception(message);
