namespace BeFree.Core.Conversations;

/// <summary>A phone number that has texted the hotline, with the rules for contacting it safely.</summary>
public sealed class Texter
{
    public int Id { get; set; }

    /// <summary>E.164 as Twilio sends it. Never written to the audit log or exports unmasked.</summary>
    public string PhoneNumber { get; set; } = "";

    public DateTime FirstSeenUtc { get; set; }

    /// <summary>Set by STOP (or Twilio error 21610). Nobody can override it; START clears it.</summary>
    public bool IsOptedOut { get; set; }
    public DateTime? OptedOutUtc { get; set; }

    public bool DoNotTextBack { get; set; }
    /// <summary>Safe hours in the texter's local time; both null means any time.</summary>
    public TimeOnly? SafeWindowStart { get; set; }
    public TimeOnly? SafeWindowEnd { get; set; }
    /// <summary>IANA zone the advocate chose for the texter's local time.</summary>
    public string? TimeZoneId { get; set; }
    public string? CodeWord { get; set; }
    public bool NeutralWordingReminder { get; set; }

    /// <summary>
    /// Blocked by a shift lead (pranks, abuse): the texter's texts are still stored, but never enter the
    /// queue (see <see cref="TexterBlocking"/>). Undone by unblocking.
    /// </summary>
    public bool IsBlocked { get; set; }
    public DateTime? BlockedUtc { get; set; }
    public string? BlockedById { get; set; }
    public string? BlockReason { get; set; }

    public List<Conversation> Conversations { get; set; } = [];
}
