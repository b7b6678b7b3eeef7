using System.Globalization;
using System.Resources;
using BeFree.Core.Reports;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Time;

/// <summary>
/// The one way the workstation writes a date or a time: in the hotline's time zone (<c>Reports:TimeZoneId</c>),
/// one format everywhere ("2026-12-03 14:05"), relative where people scan a list ("4 min ago"), and short
/// durations for waiting times ("3 min 05 s"). Dates and times keep one numeric, language-neutral form in every
/// language (an English and a Spanish reader of the same note never disagree about 03/12); the words around them
/// ("4 min ago", "hace 4 min") follow the reader's CurrentUICulture (HotlineTime.resx, HotlineTime.es.resx).
/// </summary>
public sealed class HotlineTime(IOptions<ReportOptions> options, TimeProvider clock)
{
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm";
    public const string DateFormat = "yyyy-MM-dd";
    public const string TimeFormat = "HH:mm";

    private static readonly ResourceManager Words = new("BeFree.Core.Time.HotlineTime", typeof(HotlineTime).Assembly);

    private readonly TimeZoneInfo _zone = options.Value.ResolveTimeZone();

    public TimeZoneInfo Zone => _zone;

    /// <summary>The hotline's wall-clock time of a UTC instant.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), _zone);

    /// <summary>Date and time, e.g. "2026-12-03 14:05".</summary>
    public string Format(DateTime utc) => ToLocal(utc).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public string Format(DateTimeOffset instant) => Format(instant.UtcDateTime);

    /// <summary>Time of day, e.g. "14:05".</summary>
    public string FormatTime(DateTime utc) => ToLocal(utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The day, e.g. "2026-12-03".</summary>
    public string FormatDate(DateTime utc) => ToLocal(utc).ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// A day as a chart's axis names it: "Dec 3" in English, "3 dic" in Spanish (the month in words, so the day-month
    /// order that differs between the two languages cannot mislead).
    /// </summary>
    public static string DayLabel(DateOnly day) => day.ToString(Word("DayLabelFormat"), CultureInfo.CurrentCulture).TrimEnd('.');

    /// <summary>
    /// How long ago, for lists people scan: "just now", "4 min ago", "3 h ago" ("ahora mismo", "hace 4 min" in Spanish);
    /// a day or more back, the date and time.
    /// A time slightly in the future (clocks of two servers) reads as "just now".
    /// </summary>
    public string Relative(DateTime utc)
    {
        var ago = clock.GetUtcNow().UtcDateTime - AsUtc(utc);
        if (ago < TimeSpan.FromMinutes(1))
        {
            return Word("JustNow");
        }
        if (ago < TimeSpan.FromHours(1))
        {
            return string.Format(CultureInfo.CurrentCulture, Word("MinutesAgo"), (int)ago.TotalMinutes);
        }
        if (ago < TimeSpan.FromDays(1))
        {
            return string.Format(CultureInfo.CurrentCulture, Word("HoursAgo"), (int)ago.TotalHours);
        }
        return Format(utc);
    }

    /// <summary>
    /// A short duration: "45 s", "3 min 05 s", "2 h 10 min", "3 d 4 h". Negative counts as zero. Unit symbols, which
    /// read the same in English and Spanish.
    /// </summary>
    public static string Duration(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }
        if (elapsed.TotalMinutes < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{elapsed.Seconds} s");
        }
        if (elapsed.TotalHours < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{elapsed.Minutes} min {elapsed.Seconds:00} s");
        }
        if (elapsed.TotalDays < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours} h {elapsed.Minutes:00} min");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalDays} d {elapsed.Hours} h");
    }

    private static string Word(string key) => Words.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    // Rows read back from SQLite come as Unspecified; every stored time is UTC.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
