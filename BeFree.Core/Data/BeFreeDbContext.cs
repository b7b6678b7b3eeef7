using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BeFree.Core.Data;

/// <summary>
/// The one database. Provider-neutral on purpose: no raw SQL, so a server provider is a package
/// and a migrations set away (docs/decisions/0002-sqlite-provider-neutral.md).
/// </summary>
public sealed class BeFreeDbContext(DbContextOptions<BeFreeDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Texter> Texters => Set<Texter>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageMedia> MessageMedia => Set<MessageMedia>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite forgets DateTimeKind, so restore it on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<StaffUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(100);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.ActorName).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.SubjectType).HasMaxLength(64);
            e.Property(a => a.SubjectId).HasMaxLength(64);
            e.Property(a => a.Details).HasMaxLength(2000);
            e.HasIndex(a => a.OccurredUtc);
            e.HasIndex(a => a.Action);
        });

        builder.Entity<Texter>(e =>
        {
            e.Property(t => t.PhoneNumber).HasMaxLength(32);
            e.HasIndex(t => t.PhoneNumber).IsUnique();
            e.Property(t => t.TimeZoneId).HasMaxLength(64);
            e.Property(t => t.CodeWord).HasMaxLength(100);
        });

        builder.Entity<Conversation>(e =>
        {
            e.HasOne(c => c.Texter).WithMany(t => t.Conversations).HasForeignKey(c => c.TexterId);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.AssignedToId).OnDelete(DeleteBehavior.Restrict);
            e.Property(c => c.Disposition).HasMaxLength(100);
            e.Property(c => c.Summary).HasMaxLength(4000);
            e.Property(c => c.SuggestedRiskReason).HasMaxLength(500);
            e.Property(c => c.FromCity).HasMaxLength(100);
            e.Property(c => c.FromState).HasMaxLength(100);
            e.Property(c => c.FromZip).HasMaxLength(20);
            e.Property(c => c.FromCountry).HasMaxLength(10);
            e.HasIndex(c => new { c.Status, c.Risk, c.QueuedUtc });
            e.HasIndex(c => new { c.TexterId, c.Status });
            e.HasIndex(c => new { c.AssignedToId, c.Status });
        });

        builder.Entity<Message>(e =>
        {
            e.HasOne(m => m.Conversation).WithMany(c => c.Messages).HasForeignKey(m => m.ConversationId);
            e.Property(m => m.TwilioSid).HasMaxLength(64);
            e.HasIndex(m => m.TwilioSid).IsUnique();
            e.Property(m => m.Body).HasMaxLength(1600);
            e.Property(m => m.ErrorCode).HasMaxLength(16);
            e.Property(m => m.ErrorMessage).HasMaxLength(500);
            e.HasIndex(m => new { m.ConversationId, m.CreatedUtc });
            e.HasIndex(m => new { m.Status, m.NextAttemptUtc });
            e.HasMany(m => m.Media).WithOne().HasForeignKey(mm => mm.MessageId);
        });

        builder.Entity<MessageMedia>(e =>
        {
            e.Property(m => m.Url).HasMaxLength(1000);
            e.Property(m => m.ContentType).HasMaxLength(100);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
