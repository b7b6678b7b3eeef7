using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Crm;

/// <summary>A CRM webhook endpoint an admin configured.</summary>
public sealed class CrmEndpoint
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>The signing secret, encrypted with Data Protection (purpose <see cref="CrmEndpoints.SecretPurpose"/>).</summary>
    public string ProtectedSecret { get; set; } = "";
    /// <summary>Adds the advocate's close summary, an escalation's summary and a referral's text. Off by default.</summary>
    public bool IncludeText { get; set; }
    /// <summary>Adds the texter's full phone number. Off by default: the masked number is always sent.</summary>
    public bool IncludeFullNumber { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// The durable outbox: one row per case event, written in the same transaction as the event. It
/// holds ids and the event's kind only; the payload is built per endpoint when it is delivered.
/// </summary>
public sealed class CrmEvent
{
    public long Id { get; set; }
    public string Type { get; set; } = "";
    public DateTime OccurredUtc { get; set; }
    public int ConversationId { get; set; }
    public int? EscalationId { get; set; }
    public long? ReferralId { get; set; }
    /// <summary>Set when one delivery per active endpoint was created (claimed by a conditional update).</summary>
    public DateTime? FannedOutUtc { get; set; }
}

public enum CrmDeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    /// <summary>Every attempt failed; an admin may replay it.</summary>
    Failed = 2,
}

/// <summary>One event to one endpoint: the delivery log row admins read and replay.</summary>
public sealed class CrmDelivery
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public int EndpointId { get; set; }
    public CrmDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>When it is due; while a server delivers it, the end of that server's lease.</summary>
    public DateTime NextAttemptUtc { get; set; }
    /// <summary>The server holding the lease; a claim is a conditional update on status, due time and this token.</summary>
    public Guid? ClaimToken { get; set; }
    public DateTime? LastAttemptUtc { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>Case event types, as the payload's <c>type</c> says them (docs/crm-webhook.schema.json).</summary>
public static class CrmEventTypes
{
    public const string ConversationClosed = "conversation.closed";
    public const string EscalationApproved = "escalation.approved";
    public const string EscalationSent = "escalation.sent";
    public const string EscalationAcknowledged = "escalation.acknowledged";
    public const string ReferralSent = "referral.sent";
    public const string TexterOptedOut = "texter.opted-out";

    public static readonly IReadOnlyList<string> All =
        [ConversationClosed, EscalationApproved, EscalationSent, EscalationAcknowledged, ReferralSent, TexterOptedOut];
}

/// <summary>Writes case events to the outbox. The caller saves, in the transaction of the change it records.</summary>
public static class CrmOutbox
{
    public static void Add(BeFree.Core.Data.BeFreeDbContext db, string type, int conversationId, DateTime occurredUtc,
        int? escalationId = null, long? referralId = null)
        => db.CrmEvents.Add(new CrmEvent
        {
            Type = type,
            ConversationId = conversationId,
            OccurredUtc = occurredUtc,
            EscalationId = escalationId,
            ReferralId = referralId,
        });
}

internal static class CrmModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CrmEndpoint>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Url).HasMaxLength(CrmEndpoints.MaxUrlLength);
            e.Property(x => x.ProtectedSecret).HasMaxLength(1000);
        });
        builder.Entity<CrmEvent>(e =>
        {
            e.Property(x => x.Type).HasMaxLength(40);
            e.HasIndex(x => x.FannedOutUtc);
        });
        builder.Entity<CrmDelivery>(e =>
        {
            e.HasOne<CrmEvent>().WithMany().HasForeignKey(x => x.EventId);
            e.HasOne<CrmEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.HasIndex(x => new { x.Status, x.NextAttemptUtc });
            e.HasIndex(x => new { x.EventId, x.EndpointId }).IsUnique();
        });
    }
}
