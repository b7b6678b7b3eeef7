using System.Globalization;
using System.Threading.Channels;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.TwilioCopies;

/// <summary>One deletion that is failing or gave up, for the admin page. Ids and status codes only.</summary>
public sealed record TwilioDeletionProblem(long Id, long MessageId, int ConversationId, TwilioDeletionState State, int Attempts,
    DateTime? LastAttemptUtc, DateTime NextAttemptUtc, string? LastError);

/// <summary>How far deleting Twilio's copies has got, for Admins.</summary>
public sealed record TwilioDeletionStatus(bool Enabled, int Waiting, int Failing, int Failed, int Done, string? LatestError,
    IReadOnlyList<TwilioDeletionProblem> Problems);

/// <summary>Wakes the background worker: an admin's retry. Signals coalesce.</summary>
public sealed class TwilioCopySignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => _channel.Writer.TryWrite(true);

    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public bool TryConsume() => _channel.Reader.TryRead(out _);
}

/// <summary>
/// Deletes Twilio's copies of texts (Live mode with <see cref="TwilioOptions.DeleteAfterIngest"/>):
/// first each inbound attachment is copied into BeFree's own encrypted store, then its media and
/// the text are deleted at Twilio, each deletion audited. The queue is the <see cref="TwilioDeletion"/>
/// table, so it survives restarts; items are claimed with a conditional update (one server per item)
/// and failures back off and retry until <see cref="TwilioOptions.DeleteMaxAttempts"/>.
/// </summary>
public sealed class TwilioCopyQueue(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    SmallWriteQueue writes,
    TwilioMediaDownloader downloader,
    TwilioDeletionApi twilio,
    StoredMediaStore store,
    TwilioCopySignal signal,
    AuditLog audit,
    IOptions<TwilioOptions> options,
    TimeProvider clock,
    ILogger<TwilioCopyQueue> logger)
{
    private const int QueueBatch = 500;
    public const int ProblemsShown = 50;

    /// <summary>Texts whose copy at Twilio is to go: every inbound text, and outbound ones Twilio has finished with.</summary>
    private static IQueryable<Message> Deletable(BeFreeDbContext db, IQueryable<Message> messages)
        => messages.Where(m => m.TwilioSid != null
            && (m.Direction == MessageDirection.Inbound
                || m.Status == MessageStatus.Delivered || m.Status == MessageStatus.Undelivered
                || m.Status == MessageStatus.Failed || m.Status == MessageStatus.Read)
            && !db.TwilioDeletions.Any(d => d.MessageId == m.Id));

    /// <summary>Queues the deletable texts of one conversation that are not queued yet (after a text arrived or a status changed).</summary>
    public async Task<int> QueueConversationAsync(int conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await QueueAsync(db, Deletable(db, db.Messages.Where(m => m.ConversationId == conversationId)), cancellationToken);
    }

    /// <summary>Queues every deletable text not queued yet: at start and now and then, for anything a crash or a missed signal left.</summary>
    public async Task<int> QueueMissingAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var queued = await QueueAsync(db, Deletable(db, db.Messages), cancellationToken);
            total += queued;
            if (queued < QueueBatch)
            {
                return total;
            }
        }
    }

    private async Task<int> QueueAsync(BeFreeDbContext db, IQueryable<Message> deletable, CancellationToken cancellationToken)
    {
        var found = await deletable.OrderBy(m => m.Id).Select(m => new { m.Id, m.TwilioSid }).Take(QueueBatch).ToListAsync(cancellationToken);
        if (found.Count == 0)
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var notBefore = now.AddSeconds(options.Value.DeleteDelaySeconds);
        db.TwilioDeletions.AddRange(found.Select(m => new TwilioDeletion
        {
            MessageId = m.Id,
            MessageSid = m.TwilioSid!,
            State = TwilioDeletionState.Pending,
            CreatedUtc = now,
            DeleteNotBeforeUtc = notBefore,
            // Copying the attachments starts at once; the deletion itself waits for DeleteNotBeforeUtc.
            NextAttemptUtc = now,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return found.Count;
        }
        catch (DbUpdateException)
        {
            // Another server queued some of them at the same moment (the unique index on MessageId): the next sweep takes the rest.
            return 0;
        }
    }

    /// <summary>Works every due item; returns when the next one falls due (null: none waiting).</summary>
    public async Task<DateTime?> RunDueAsync(CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromSeconds(options.Value.DeleteLeaseSeconds);
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            long id;
            DateTime leaseUntil;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var due = await db.TwilioDeletions.AsNoTracking()
                    .Where(d => d.State == TwilioDeletionState.Pending && d.NextAttemptUtc <= now)
                    .OrderBy(d => d.NextAttemptUtc).ThenBy(d => d.Id)
                    .Select(d => new { d.Id, d.NextAttemptUtc })
                    .FirstOrDefaultAsync(cancellationToken);
                if (due is null)
                {
                    return await db.TwilioDeletions.AsNoTracking()
                        .Where(d => d.State == TwilioDeletionState.Pending)
                        .MinAsync(d => (DateTime?)d.NextAttemptUtc, cancellationToken);
                }
                // The claim: only the server whose update moved NextAttemptUtc from the value it read owns the item until the lease runs out.
                leaseUntil = BeFreeDbContext.ToStored(now + lease);
                // Through the write queue: on SQLite it waits its turn instead of sleeping in the busy handler.
                var claimed = await writes.WriteAsync((w, ct) => w.TwilioDeletions
                    .Where(d => d.Id == due.Id && d.State == TwilioDeletionState.Pending && d.NextAttemptUtc == due.NextAttemptUtc)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptUtc, leaseUntil).SetProperty(d => d.LastAttemptUtc, now), ct), cancellationToken);
                if (claimed == 0)
                {
                    continue;
                }
                id = due.Id;
            }
            await WorkAsync(id, leaseUntil, cancellationToken);
        }
    }

    private sealed class AttemptFailedException(string reason) : Exception(reason);

    private async Task WorkAsync(long id, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        TwilioDeletion item;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            item = await db.TwilioDeletions.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
        }
        try
        {
            var media = await CopyAttachmentsAsync(item, cancellationToken);
            if (clock.GetUtcNow().UtcDateTime < item.DeleteNotBeforeUtc)
            {
                // Copied; Twilio is not ready to delete yet. Not a failed attempt.
                await FinishAsync(id, leaseUntil, s => s.SetProperty(d => d.NextAttemptUtc, item.DeleteNotBeforeUtc), cancellationToken);
                return;
            }
            foreach (var (mediaId, index, mediaSid) in media)
            {
                var deleted = await twilio.DeleteMediaAsync(item.MessageSid, mediaSid, cancellationToken);
                if (deleted.Outcome == TwilioDeleteOutcome.Failed)
                {
                    throw new AttemptFailedException(deleted.Error ?? "Twilio did not delete an attachment.");
                }
                await AuditAsync(TwilioCopyAuditActions.MediaDeleted, item.MessageId,
                    $"message={item.MessageId}; attachment={index}; media={mediaId}; outcome={Describe(deleted.Outcome)}", cancellationToken);
            }
            var message = await twilio.DeleteMessageAsync(item.MessageSid, cancellationToken);
            if (message.Outcome == TwilioDeleteOutcome.Failed)
            {
                throw new AttemptFailedException(message.Error ?? "Twilio did not delete the text.");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var done = await db.TwilioDeletions.Where(d => d.Id == id && d.NextAttemptUtc == leaseUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, TwilioDeletionState.Done).SetProperty(d => d.DoneUtc, now)
                    .SetProperty(d => d.LastError, (string?)null), cancellationToken);
            audit.Add(db, AuditActor.System, TwilioCopyAuditActions.MessageDeleted, "message", item.MessageId.ToString(CultureInfo.InvariantCulture),
                $"message={item.MessageId}; outcome={Describe(message.Outcome)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (done == 0)
            {
                logger.LogInformation("Deletion {DeletionId} finished after its lease ran out; another server may repeat it harmlessly", id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (ex is not (AttemptFailedException or MediaUnavailableException))
            {
                // Unexpected (a key that cannot protect, a refused row): counted like any failure, so it cannot loop unseen.
                logger.LogError(ex, "Deletion {DeletionId} failed unexpectedly", id);
            }
            var attempts = item.Attempts + 1;
            var gaveUp = attempts >= settings.DeleteMaxAttempts;
            var delay = Math.Min((double)settings.DeleteRetryMaxDelayMilliseconds,
                settings.DeleteRetryBaseDelayMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
            var next = BeFreeDbContext.ToStored(clock.GetUtcNow().UtcDateTime.AddMilliseconds(delay));
            // Our own messages name status codes only; anything else is named by its type, never its text.
            // Stored for admins of any language: English.
            var reason = ex switch
            {
                MediaUnavailableException media => media.EnglishMessage,
                AttemptFailedException => ex.Message,
                _ => $"Unexpected error ({ex.GetType().Name}).",
            };
            reason = reason.Length > 500 ? reason[..500] : reason;
            logger.LogWarning("Deleting message {MessageId} at Twilio failed (attempt {Attempt}{GaveUp}): {Reason}",
                item.MessageId, attempts, gaveUp ? ", giving up until an admin retries" : "", reason);
            await FinishAsync(id, leaseUntil, s => s
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.State, gaveUp ? TwilioDeletionState.Failed : TwilioDeletionState.Pending)
                .SetProperty(d => d.NextAttemptUtc, next)
                .SetProperty(d => d.LastError, reason), cancellationToken);
        }
    }

    private static string Describe(TwilioDeleteOutcome outcome) => outcome == TwilioDeleteOutcome.AlreadyGone ? "already-gone" : "deleted";

    /// <summary>Updates the item only while this server still holds its lease.</summary>
    private async Task FinishAsync(long id, DateTime leaseUntil,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<TwilioDeletion>> set, CancellationToken cancellationToken)
    {
        await writes.WriteAsync((w, ct) => w.TwilioDeletions.Where(d => d.Id == id && d.NextAttemptUtc == leaseUntil).ExecuteUpdateAsync(set, ct), cancellationToken);
    }

    private async Task AuditAsync(string action, long messageId, string details, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        audit.Add(db, AuditActor.System, action, "message", messageId.ToString(CultureInfo.InvariantCulture), details);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Copies each inbound attachment BeFree does not hold yet into its own store, and returns the
    /// attachments to delete at Twilio. One that retention erased meanwhile is not copied (deleting
    /// the text at Twilio deletes it there too).
    /// </summary>
    private async Task<List<(long MediaId, int Index, string MediaSid)>> CopyAttachmentsAsync(TwilioDeletion item, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        List<MessageMedia> media;
        HashSet<long> stored;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            media = await db.MessageMedia.AsNoTracking().Where(mm => mm.MessageId == item.MessageId).OrderBy(mm => mm.Index).ToListAsync(cancellationToken);
            var ids = media.Select(mm => mm.Id).ToList();
            stored = (await db.StoredMedia.AsNoTracking().Where(s => ids.Contains(s.MessageMediaId)).Select(s => s.MessageMediaId).ToListAsync(cancellationToken)).ToHashSet();
        }

        var toDelete = new List<(long, int, string)>();
        foreach (var attachment in media.Where(mm => mm.Url.Length > 0))
        {
            // Only this account's media of this very text is ever fetched or deleted.
            var mediaSid = TwilioMediaUrls.AccountMediaSid(attachment.Url, settings.ApiBaseUrl, settings.AccountSid, item.MessageSid)
                ?? throw new AttemptFailedException($"Attachment {attachment.Index} is not this account's Twilio media; it is neither copied nor deleted.");
            if (!stored.Contains(attachment.Id))
            {
                var (content, contentType) = await downloader.DownloadAsync(attachment.Url, item.MessageSid, item.MessageId, cancellationToken);
                await StoreAsync(attachment.Id, store.Protect(content), contentType ?? attachment.ContentType ?? "application/octet-stream", cancellationToken);
            }
            toDelete.Add((attachment.Id, attachment.Index, mediaSid));
        }
        return toDelete;
    }

    private async Task StoreAsync(long mediaId, byte[] protectedContent, string contentType, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Checked in the transaction that writes: retention may have erased the link meanwhile.
        if (!await db.MessageMedia.AnyAsync(mm => mm.Id == mediaId && mm.Url != "", cancellationToken)
            || await db.StoredMedia.AnyAsync(s => s.MessageMediaId == mediaId, cancellationToken))
        {
            return;
        }
        db.StoredMedia.Add(new StoredMedia
        {
            MessageMediaId = mediaId,
            ProtectedContent = protectedContent,
            ContentType = contentType.Length > 100 ? "application/octet-stream" : contentType,
            StoredUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Counts, the latest error and the items that are failing or gave up.</summary>
    public async Task<TwilioDeletionStatus> GetStatusAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var deletions = db.TwilioDeletions.AsNoTracking();
        var waiting = await deletions.CountAsync(d => d.State == TwilioDeletionState.Pending && d.LastError == null, cancellationToken);
        var failing = await deletions.CountAsync(d => d.State == TwilioDeletionState.Pending && d.LastError != null, cancellationToken);
        var failed = await deletions.CountAsync(d => d.State == TwilioDeletionState.Failed, cancellationToken);
        var done = await deletions.CountAsync(d => d.State == TwilioDeletionState.Done, cancellationToken);
        var problems = await (from d in db.TwilioDeletions.AsNoTracking()
                              join m in db.Messages on d.MessageId equals m.Id
                              where d.State == TwilioDeletionState.Failed || (d.State == TwilioDeletionState.Pending && d.LastError != null)
                              orderby d.LastAttemptUtc descending, d.Id descending
                              select new TwilioDeletionProblem(d.Id, d.MessageId, m.ConversationId, d.State, d.Attempts, d.LastAttemptUtc, d.NextAttemptUtc, d.LastError))
            .Take(ProblemsShown).ToListAsync(cancellationToken);
        return new TwilioDeletionStatus(options.Value.DeletesAtTwilio, waiting, failing, failed, done, problems.FirstOrDefault()?.LastError, problems);
    }

    /// <summary>An admin asks for a failing or given-up deletion to be tried again now, with a fresh count of attempts.</summary>
    public async Task<bool> RetryAsync(string actorId, long deletionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One that gave up, or one failing and waiting out its backoff. Should a server be working on
        // it right now, that server's lease is void (it finishes nothing) and Twilio's 404 makes the
        // repeated deletion harmless.
        var retried = await db.TwilioDeletions
            .Where(d => d.Id == deletionId
                && (d.State == TwilioDeletionState.Failed || (d.State == TwilioDeletionState.Pending && d.LastError != null)))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, TwilioDeletionState.Pending).SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptUtc, now), cancellationToken);
        if (retried == 0)
        {
            return false;
        }
        audit.Add(db, ConversationAccess.Actor(actor), TwilioCopyAuditActions.DeletionRetried, "twilio-deletion",
            deletionId.ToString(CultureInfo.InvariantCulture), null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Signal();
        return true;
    }
}
