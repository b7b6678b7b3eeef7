using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Queue;

/// <summary>Section <c>Board</c>: what the shift lead's live board highlights.</summary>
public sealed class BoardOptions
{
    public const string Section = "Board";

    /// <summary>A texter waiting longer than this for a first response is highlighted.</summary>
    [Range(1, 240)]
    public int FirstResponseTargetMinutes { get; set; } = 5;

    /// <summary>This many High or Imminent conversations in a row suggests checking in on the advocate.</summary>
    [Range(2, 20)]
    public int ConsecutiveHighRiskThreshold { get; set; } = 3;

    /// <summary>Online this long without being away (a break) suggests a nudge.</summary>
    [Range(15, 1440)]
    public int StretchWithoutBreakMinutes { get; set; } = 180;
}
