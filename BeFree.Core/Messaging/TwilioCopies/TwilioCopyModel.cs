namespace BeFree.Core.Messaging.TwilioCopies;

/// <summary>
/// BeFree's own copy of one texter's attachment, kept so Twilio's copy can be deleted. The bytes
/// are encrypted with Data Protection (<see cref="StoredMediaProtection"/>): the database alone,
/// or a backup of it, does not show the picture.
/// </summary>
public sealed class StoredMedia
{
    /// <summary>The <see cref="Conversations.MessageMedia"/> this is a copy of (one copy each).</summary>
    public long MessageMediaId { get; set; }
    public byte[] ProtectedContent { get; set; } = [];
    public string ContentType { get; set; } = "application/octet-stream";
    public DateTime StoredUtc { get; set; }
}

public enum TwilioDeletionState
{
    /// <summary>Waiting, being worked on, or failing and due for another try.</summary>
    Pending = 0,
    /// <summary>Twilio no longer has the text or its media.</summary>
    Done = 1,
    /// <summary>Gave up after <see cref="Twilio.TwilioOptions.DeleteMaxAttempts"/>: waits for an admin's retry.</summary>
    Failed = 2,
}

/// <summary>
/// One text whose copy at Twilio is to be deleted (after its attachments are copied): the durable
/// queue item. <see cref="NextAttemptUtc"/> is also the lease: a server claims an item by moving it
/// forward with a conditional update, so two servers never work one item at once.
/// </summary>
public sealed class TwilioDeletion
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public string MessageSid { get; set; } = "";
    public TwilioDeletionState State { get; set; }
    /// <summary>Failed attempts so far (waiting for Twilio to finish the text is not a failure).</summary>
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>Twilio refuses to delete a text it has not finished (error 20009): not before this.</summary>
    public DateTime DeleteNotBeforeUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? LastAttemptUtc { get; set; }
    /// <summary>Why the last attempt failed; ids and status codes only, never content.</summary>
    public string? LastError { get; set; }
    public DateTime? DoneUtc { get; set; }
}

internal static class TwilioCopyModelConfiguration
{
    public static void Configure(Microsoft.EntityFrameworkCore.ModelBuilder builder)
    {
        builder.Entity<StoredMedia>(e =>
        {
            e.HasKey(m => m.MessageMediaId);
            e.Property(m => m.MessageMediaId).ValueGeneratedNever();
            e.Property(m => m.ContentType).HasMaxLength(100);
            // Going with its attachment row: nothing can keep a picture whose link is gone.
            e.HasOne<Conversations.MessageMedia>().WithOne().HasForeignKey<StoredMedia>(m => m.MessageMediaId)
                .OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Cascade);
        });

        builder.Entity<TwilioDeletion>(e =>
        {
            e.Property(d => d.MessageSid).HasMaxLength(64);
            e.Property(d => d.LastError).HasMaxLength(500);
            e.HasIndex(d => d.MessageId).IsUnique();
            e.HasIndex(d => new { d.State, d.NextAttemptUtc });
            e.HasOne<Conversations.Message>().WithMany().HasForeignKey(d => d.MessageId)
                .OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Cascade);
        });
    }
}
