using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Conversations;

/// <summary>Section <c>Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    public static readonly IReadOnlyList<string> DefaultDispositions =
    [
        "Substantive case",
        "Tip / witness report",
        "Information only",
        "Referral made",
        "Hang-up / no response",
        "Wrong number / spam",
    ];

    /// <summary>
    /// The dispositions an advocate chooses from when closing. Empty means the defaults (a list in
    /// configuration replaces them rather than adding to them).
    /// </summary>
    public List<string> Dispositions { get; set; } = [];

    /// <summary>Characters of the first text shown in the queue.</summary>
    [Range(20, 500)]
    public int PreviewLength { get; set; } = 140;

    /// <summary>
    /// For a texter who asked not to be texted back: how many minutes after their latest text an
    /// advocate may still reply (outside it only a shift lead may, with a recorded reason).
    /// </summary>
    [Range(1, 1440)]
    public int DoNotTextBackReplyMinutes { get; set; } = 10;

    /// <summary>
    /// After this many minutes in the queue a texter gets one automatic wait notice (Twilio:WaitNoticeReply,
    /// in the conversation's language). 0 turns it off.
    /// </summary>
    [Range(0, 1440)]
    public int WaitNoticeMinutes { get; set; } = 5;

    public TimeSpan DoNotTextBackReplyWindow => TimeSpan.FromMinutes(DoNotTextBackReplyMinutes);

    public IReadOnlyList<string> EffectiveDispositions
        => Dispositions.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).Distinct().ToList() is { Count: > 0 } configured
            ? configured
            : DefaultDispositions;
}
