using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Queue;
using BeFree.Core.Retention;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BeFree.Core.Data;

/// <summary>
/// The one model, on SQLite, PostgreSQL or SQL Server: each provider has its own migrations assembly
/// (docs/decisions/0009-three-database-providers.md). It also keeps the Data Protection key ring,
/// so every app server signs and reads the same cookies and antiforgery tokens.
/// </summary>
public sealed class BeFreeDbContext(DbContextOptions<BeFreeDbContext> options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Identity's schema with passkeys. Identity reads it from IdentityOptions, so the app and the
    /// design-time factory both set this one value.
    /// </summary>
    public static readonly Version IdentitySchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Texter> Texters => Set<Texter>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageMedia> MessageMedia => Set<MessageMedia>();
    public DbSet<ConversationNote> ConversationNotes => Set<ConversationNote>();
    public DbSet<CannedResponse> CannedResponses => Set<CannedResponse>();
    public DbSet<ReplyDraft> ReplyDrafts => Set<ReplyDraft>();
    public DbSet<ReplySubmission> ReplySubmissions => Set<ReplySubmission>();
    public DbSet<RiskAssessment> RiskAssessments => Set<RiskAssessment>();
    public DbSet<LawEnforcementContact> LawEnforcementContacts => Set<LawEnforcementContact>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<EscalationExcerptMessage> EscalationExcerptMessages => Set<EscalationExcerptMessage>();
    public DbSet<EscalationEvent> EscalationEvents => Set<EscalationEvent>();
    public DbSet<StaffNotice> StaffNotices => Set<StaffNotice>();
    public DbSet<RetentionRun> RetentionRuns => Set<RetentionRun>();
    public DbSet<SeedMarker> SeedMarkers => Set<SeedMarker>();
    public DbSet<BeFree.Core.Messaging.TwilioCopies.StoredMedia> StoredMedia => Set<BeFree.Core.Messaging.TwilioCopies.StoredMedia>();
    public DbSet<BeFree.Core.Messaging.TwilioCopies.TwilioDeletion> TwilioDeletions => Set<BeFree.Core.Messaging.TwilioCopies.TwilioDeletion>();
    public DbSet<BeFree.Core.Referrals.SupportService> SupportServices => Set<BeFree.Core.Referrals.SupportService>();
    public DbSet<BeFree.Core.Referrals.Referral> Referrals => Set<BeFree.Core.Referrals.Referral>();
    public DbSet<BeFree.Core.Crm.CrmEndpoint> CrmEndpoints => Set<BeFree.Core.Crm.CrmEndpoint>();
    public DbSet<BeFree.Core.Crm.CrmEvent> CrmEvents => Set<BeFree.Core.Crm.CrmEvent>();
    public DbSet<BeFree.Core.Crm.CrmDelivery> CrmDeliveries => Set<BeFree.Core.Crm.CrmDelivery>();

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
            e.Property(u => u.Preferences).HasMaxLength(1000);
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
            // Who read a conversation, and when: the read audit looks for a recent entry by subject.
            e.HasIndex(a => new { a.SubjectId, a.OccurredUtc });
            e.Property(a => a.Hash).HasMaxLength(AuditChain.HashLength);
            // One entry per chain position: two sealers racing cannot fork the chain.
            e.HasIndex(a => a.ChainIndex).IsUnique();
            // The append-only trigger (hand-written SQL in each migrations project). SQL Server must
            // know of it, or EF inserts with an OUTPUT clause that a table with triggers refuses.
            e.ToTable(t => t.HasTrigger(AuditChain.AppendOnlyTrigger));
        });

        builder.Entity<Texter>(e =>
        {
            e.Property(t => t.PhoneNumber).HasMaxLength(32);
            e.HasIndex(t => t.PhoneNumber).IsUnique();
            e.Property(t => t.TimeZoneId).HasMaxLength(64);
            e.Property(t => t.CodeWord).HasMaxLength(100);
            e.Property(t => t.BlockedById).HasMaxLength(450);
            e.Property(t => t.BlockReason).HasMaxLength(500);
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
            e.Property(m => m.OverriddenRules).HasMaxLength(200);
            e.HasIndex(m => new { m.ConversationId, m.CreatedUtc });
            e.HasIndex(m => new { m.Status, m.NextAttemptUtc });
            e.HasMany(m => m.Media).WithOne().HasForeignKey(mm => mm.MessageId);
        });

        builder.Entity<MessageMedia>(e =>
        {
            e.Property(m => m.Url).HasMaxLength(1000);
            e.Property(m => m.ContentType).HasMaxLength(100);
        });

        ConfigureWorkspace(builder);
        BeFree.Core.Messaging.TwilioCopies.TwilioCopyModelConfiguration.Configure(builder);
        BeFree.Core.Referrals.ReferralModelConfiguration.Configure(builder);
        BeFree.Core.Crm.CrmModelConfiguration.Configure(builder);

        builder.Entity<StaffNotice>(e =>
        {
            e.Property(n => n.ToStaffId).HasMaxLength(450);
            e.Property(n => n.FromStaffId).HasMaxLength(450);
            e.Property(n => n.Body).HasMaxLength(BeFree.Core.Queue.StaffNotices.MaxBodyLength);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(n => n.ToStaffId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(n => n.FromStaffId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(n => new { n.ToStaffId, n.ReadUtc });
        });

        builder.Entity<RetentionRun>(e =>
        {
            e.HasIndex(r => r.StartedUtc);
        });
    }

    /// <summary>Advocate workspace: notes, canned responses, risk history, law-enforcement escalation.</summary>
    private static void ConfigureWorkspace(ModelBuilder builder)
    {
        builder.Entity<ConversationNote>(e =>
        {
            e.HasOne<Conversation>().WithMany().HasForeignKey(n => n.ConversationId);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.Property(n => n.Body).HasMaxLength(2000);
            e.Property(n => n.FromStaffId).HasMaxLength(450);
            e.Property(n => n.ToStaffId).HasMaxLength(450);
            e.HasIndex(n => new { n.ConversationId, n.CreatedUtc });
        });

        builder.Entity<CannedResponse>(e =>
        {
            e.Property(c => c.Title).HasMaxLength(100);
            e.Property(c => c.Body).HasMaxLength(1600);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.UpdatedById).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ReplyDraft>(e =>
        {
            e.HasKey(d => new { d.ConversationId, d.StaffId });
            e.HasOne<Conversation>().WithMany().HasForeignKey(d => d.ConversationId);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(d => d.StaffId).OnDelete(DeleteBehavior.Cascade);
            e.Property(d => d.Body).HasMaxLength(ReplyService.MaxDraftLength);
        });

        builder.Entity<ReplySubmission>(e =>
        {
            e.HasKey(r => new { r.ConversationId, r.SubmissionKey });
            e.Property(r => r.SubmissionKey).HasMaxLength(ReplySubmission.MaxKeyLength);
            e.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId);
        });

        builder.Entity<SeedMarker>(e =>
        {
            e.HasKey(m => m.Key);
            e.Property(m => m.Key).HasMaxLength(SeedMarker.MaxKeyLength);
        });

        builder.Entity<RiskAssessment>(e =>
        {
            e.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(r => r.ById).OnDelete(DeleteBehavior.Restrict);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.HasIndex(r => new { r.ConversationId, r.CreatedUtc });
        });

        builder.Entity<LawEnforcementContact>(e =>
        {
            e.Property(c => c.Agency).HasMaxLength(200);
            e.Property(c => c.State).HasMaxLength(50);
            e.Property(c => c.CountyOrCity).HasMaxLength(100);
            e.Property(c => c.ContactName).HasMaxLength(100);
            e.Property(c => c.Phone).HasMaxLength(40);
            e.Property(c => c.Email).HasMaxLength(256);
            e.Property(c => c.TwentyFourSevenPhone).HasMaxLength(40);
            e.Property(c => c.Notes).HasMaxLength(2000);
            e.Property(c => c.SeedKey).HasMaxLength(64);
            e.HasIndex(c => c.SeedKey).IsUnique();
            e.HasIndex(c => new { c.State, c.IsActive });
        });

        builder.Entity<Escalation>(e =>
        {
            e.HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId);
            e.HasOne(x => x.Contact).WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Status).IsConcurrencyToken();
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.BasisNote).HasMaxLength(1000);
            e.Property(x => x.AgencyReference).HasMaxLength(100);
            e.Property(x => x.IncidentLocation).HasMaxLength(CyberTipline.MaxFactLength);
            e.Property(x => x.IncidentPeople).HasMaxLength(CyberTipline.MaxFactLength);
            e.Property(x => x.OnlineIdentifiers).HasMaxLength(CyberTipline.MaxFactLength);
            e.HasMany(x => x.Excerpt).WithOne().HasForeignKey(x => x.EscalationId);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.EscalationId);
            e.HasIndex(x => new { x.ConversationId, x.Status });
            e.HasIndex(x => x.Status);
        });

        builder.Entity<EscalationExcerptMessage>(e =>
        {
            e.HasKey(x => new { x.EscalationId, x.MessageId });
            e.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<EscalationEvent>(e =>
        {
            e.Property(x => x.ActorName).HasMaxLength(256);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasIndex(x => new { x.EscalationId, x.OccurredUtc });
        });
    }

    /// <summary>
    /// UTC, to the microsecond: PostgreSQL keeps microseconds, so every provider stores exactly that
    /// and a timestamp written and compared in a later query matches on all of them.
    /// </summary>
    internal static DateTime ToStored(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => ToStored(v),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? ToStored(v.Value) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
