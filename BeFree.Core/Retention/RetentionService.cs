using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Retention;

/// <summary>The policy as configured, and the most recent passes, newest first.</summary>
public sealed record RetentionStatus(bool Enabled, int EraseBodiesAfterDays, TimeSpan RunEvery, DateTime NextCutoffUtc,
    IReadOnlyList<RetentionRun> RecentRuns);

/// <summary>
/// Erases the text of conversations closed more than <see cref="RetentionOptions.EraseBodiesAfterDays"/>
/// ago: each message body becomes empty and each media link is cleared. The message rows, their
/// times and statuses, the conversation's disposition, summary and risk, notes, escalations and
/// the audit log are kept. A conversation that was reopened is open, so it is not touched.
/// </summary>
public sealed class RetentionService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    IOptionsMonitor<RetentionOptions> options,
    AuditLog audit,
    TimeProvider clock,
    ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>Lets start-up (migrations, seeding) finish before the first pass.</summary>
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);

    public const int RecentRunsShown = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            logger.LogInformation("Retention is disabled: message bodies are kept.");
            return;
        }
        try
        {
            await Task.Delay(FirstRunDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next pass tries again; nothing is half-erased because each step is one statement.
                    logger.LogError(e, "A retention pass failed.");
                }
                await Task.Delay(options.CurrentValue.RunEvery, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stands where a risk suggestion quoted the texter's words, once retention has erased them.</summary>
    public const string ErasedMatchReason = "matched words erased by retention";

    /// <summary>
    /// The lexicon's suggestion quotes the words that matched ("matched 'took my passport'"): they are
    /// the texter's words too, so they go with the texts. The suggested level and its history stay.
    /// </summary>
    private static async Task EraseMatchedWordsAsync(BeFreeDbContext db, DateTime cutoff, CancellationToken cancellationToken)
    {
        var closedBefore = db.Conversations.Where(c => c.Status == ConversationStatus.Closed && c.ClosedUtc != null && c.ClosedUtc < cutoff);
        await closedBefore.Where(c => c.SuggestedRiskReason != null && c.SuggestedRiskReason != ErasedMatchReason)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.SuggestedRiskReason, ErasedMatchReason), cancellationToken);
        await db.RiskAssessments
            .Where(r => r.Kind == RiskAssessmentKind.SuggestionRaised && r.Reason != ErasedMatchReason
                && closedBefore.Any(c => c.Id == r.ConversationId))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Reason, ErasedMatchReason), cancellationToken);
    }

    /// <summary>One pass: erases what is due, records the run and audits it, in one transaction.</summary>
    public async Task<RetentionRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var cutoff = started.AddDays(-options.CurrentValue.EraseBodiesAfterDays);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            // The erasing connection overwrites what it frees with zeros, so the old text does not
            // linger in free space inside the file's pages.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=ON;", cancellationToken);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The status is checked inside each statement, so a conversation reopened meanwhile is left alone.
        var due = db.Messages.Where(m => m.BodyErasedUtc == null
            && m.Conversation.Status == ConversationStatus.Closed
            && m.Conversation.ClosedUtc != null
            && m.Conversation.ClosedUtc < cutoff);

        var conversations = await due.Select(m => m.ConversationId).Distinct().CountAsync(cancellationToken);
        var media = await db.MessageMedia
            .Where(mm => mm.Url != "" && due.Any(m => m.Id == mm.MessageId))
            .ExecuteUpdateAsync(set => set.SetProperty(mm => mm.Url, ""), cancellationToken);
        // BeFree's own copies of the pictures go with their links.
        await BeFree.Core.Messaging.TwilioCopies.StoredMediaStore.EraseAsync(db, due, cancellationToken);
        var messages = await due.ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Body, "")
            .SetProperty(m => m.BodyErasedUtc, started), cancellationToken);
        await EraseMatchedWordsAsync(db, cutoff, cancellationToken);

        var run = new RetentionRun
        {
            StartedUtc = started,
            FinishedUtc = clock.GetUtcNow().UtcDateTime,
            CutoffUtc = cutoff,
            ConversationsAffected = conversations,
            MessagesErased = messages,
            MediaErased = media,
        };
        db.RetentionRuns.Add(run);
        audit.Add(db, AuditActor.System, AuditActions.RetentionRun, "retention", null,
            $"cutoff={cutoff:O}; conversations={conversations}; messages={messages}; media={media}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ReclaimAsync(db, erasedAnything: messages > 0 || media > 0, cancellationToken);

        if (messages > 0)
        {
            logger.LogInformation("Retention erased {Messages} message bodies in {Conversations} conversations closed before {Cutoff:O}.",
                messages, conversations, cutoff);
        }
        return run;
    }

    /// <summary>The tables whose rows a pass rewrites.</summary>
    private const string VacuumErasedTables = """VACUUM "Messages", "MessageMedia", "Conversations", "RiskAssessments";""";

    /// <summary>
    /// Erasing a value leaves its old bytes behind until the database reuses the space. SQLite: the
    /// pass ran with secure_delete, and a TRUNCATE checkpoint then copies the rewritten pages into the
    /// file and empties the write-ahead log that still held the old ones. PostgreSQL: VACUUM (never
    /// inside a transaction) marks the old row versions dead space for reuse. SQL Server: nothing to
    /// run; its ghost cleanup removes old row versions by itself. What remains is in the decision
    /// record docs/decisions/0012-tamper-evident-audit.md.
    /// </summary>
    private async Task ReclaimAsync(BeFreeDbContext db, bool erasedAnything, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete=OFF;", cancellationToken);
            if (!erasedAnything)
            {
                return;
            }
            // One row: busy (1 if a reader kept the checkpoint from finishing), WAL frames, frames checkpointed.
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) != 0)
            {
                logger.LogWarning("Retention could not checkpoint the SQLite write-ahead log (a reader was busy); " +
                    "erased text stays in it until the next checkpoint.");
            }
        }
        else if (erasedAnything && db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(VacuumErasedTables, cancellationToken);
        }
    }

    /// <summary>The policy and the last passes, for Admins.</summary>
    public async Task<RetentionStatus> GetStatusAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var runs = await db.RetentionRuns.AsNoTracking()
            .OrderByDescending(r => r.StartedUtc).ThenByDescending(r => r.Id)
            .Take(RecentRunsShown).ToListAsync(cancellationToken);
        var current = options.CurrentValue;
        return new RetentionStatus(current.Enabled, current.EraseBodiesAfterDays, current.RunEvery,
            clock.GetUtcNow().UtcDateTime.AddDays(-current.EraseBodiesAfterDays), runs);
    }
}
