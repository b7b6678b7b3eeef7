namespace BeFree.Core.Queue;

public enum StaffNoticeKind
{
    /// <summary>A shift lead's private note to an advocate about a conversation. Never sent to a texter.</summary>
    PrivateNote = 0,
    /// <summary>A shift lead's nudge to take a break after a hard stretch.</summary>
    WellbeingNudge = 1,
}

/// <summary>A message from a shift lead to one member of staff, shown on their screens live until read.</summary>
public sealed class StaffNotice
{
    public long Id { get; set; }
    public string ToStaffId { get; set; } = "";
    public string FromStaffId { get; set; } = "";
    public int? ConversationId { get; set; }
    public StaffNoticeKind Kind { get; set; }
    public string Body { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
}
