using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Referrals;

/// <summary>What a service offers. Values are stored: never renumber.</summary>
public enum ServiceKind
{
    Shelter = 0,
    LegalAid = 1,
    Medical = 2,
    LaborRights = 3,
    Immigration = 4,
    Youth = 5,
}

/// <summary>A service (not law enforcement) the hotline refers texters to.</summary>
public sealed class SupportService
{
    public int Id { get; set; }
    /// <summary>The organisation's real name: staff see it, texters never do.</summary>
    public string Name { get; set; } = "";
    /// <summary>How a text names it: a first name or a plain word a trafficker reading the phone would not notice.</summary>
    public string NeutralName { get; set; } = "";
    public ServiceKind Kind { get; set; }
    public bool IsNational { get; set; }
    public string? State { get; set; }
    public string? CountyOrCity { get; set; }
    /// <summary>Language codes it serves in, comma-separated, lower case ("en,es").</summary>
    public string Languages { get; set; } = "en";
    public string Phone { get; set; } = "";
    public string? Hours { get; set; }
    public string? Notes { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>One referral sent to a texter: the text went through the ordinary reply path (message id).</summary>
public sealed class Referral
{
    public long Id { get; set; }
    public int ConversationId { get; set; }
    public int ServiceId { get; set; }
    /// <summary>Copied from the service when sent, so reports count what was referred then.</summary>
    public ServiceKind Kind { get; set; }
    public long MessageId { get; set; }
    public string SentById { get; set; } = "";
    public DateTime SentUtc { get; set; }
}

internal static class ReferralModelConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<SupportService>(e =>
        {
            e.ToTable("SupportServices");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.NeutralName).HasMaxLength(ReferralDirectory.MaxNeutralNameLength);
            e.Property(x => x.State).HasMaxLength(50);
            e.Property(x => x.CountyOrCity).HasMaxLength(100);
            e.Property(x => x.Languages).HasMaxLength(50);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.Hours).HasMaxLength(100);
            e.Property(x => x.Notes).HasMaxLength(1000);
            e.HasIndex(x => new { x.IsActive, x.Kind });
        });
        builder.Entity<Referral>(e =>
        {
            e.ToTable("Referrals");
            e.HasOne<BeFree.Core.Conversations.Conversation>().WithMany().HasForeignKey(x => x.ConversationId);
            e.HasOne<SupportService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<BeFree.Core.Conversations.Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.SentById).HasMaxLength(450);
            e.HasIndex(x => x.SentUtc);
            e.HasIndex(x => x.ConversationId);
        });
    }
}
