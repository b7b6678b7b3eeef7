using System.Globalization;

namespace BeFree.Web.Components.Pages.Queue;

/// <summary>Short, readable durations for waiting times ("45 s", "3 min 05 s", "2 h 10 min").</summary>
public static class Durations
{
    public static string Waiting(TimeSpan elapsed)
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
}
