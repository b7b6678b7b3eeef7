using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Retention;

/// <summary>Section <c>Retention</c>: how long message text is kept after a conversation closes.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Off stops the background service; the policy page says so.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Message bodies and media links of conversations closed longer ago than this are erased.</summary>
    [Range(1, 36500)]
    public int EraseBodiesAfterDays { get; set; } = 365;

    /// <summary>Time between passes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RunEvery { get; set; } = TimeSpan.FromHours(6);
}
