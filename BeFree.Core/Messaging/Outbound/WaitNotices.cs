using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>
/// The wait notice: when a texter has waited <see cref="ConversationOptions.WaitNoticeMinutes"/> in the
/// queue, one automatic text in the conversation's language says an advocate will answer soon. Once
/// per wait: <see cref="Conversation.WaitNoticeForQueuedUtc"/> records the wait it was sent for, and
/// the conditional update that sets it is the claim, so of several app servers exactly one queues it.
/// <para>
/// The safe-contact rules are read when the notice is due: if they would stop it (opted out, do not
/// text back, outside safe hours) it is skipped for this wait rather than held for an advocate to
/// release. The sender checks them again when it sends, as for every automatic text.
/// </para>
/// </summary>
public sealed class WaitNotices(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    DatabaseWriteGate writeGate,
    OutboundSignal outboundSignal,
    ConversationNotifier notifier,
    IOptionsMonitor<ConversationOptions> conversationOptions,
    IOptionsMonitor<TwilioOptions> twilioOptions,
    TimeProvider clock,
    ILogger<WaitNotices> logger) : BackgroundService
{
    /// <summary>How often waiting conversations are checked; a notice goes out at most this late.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);
    private const int MaxPerPass = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(CheckEvery, clock, stoppingToken);
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next pass tries again: a notice is claimed and queued in one transaction.
                    logger.LogError(e, "A wait-notice pass failed.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: queues the notices now due. Returns how many were queued.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var minutes = conversationOptions.CurrentValue.WaitNoticeMinutes;
        if (minutes <= 0)
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddMinutes(-minutes);
        List<Due> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Conversations.AsNoTracking()
                .Where(c => c.Status == ConversationStatus.Queued && c.QueuedUtc <= cutoff
                    && (c.WaitNoticeForQueuedUtc == null || c.WaitNoticeForQueuedUtc != c.QueuedUtc))
                .OrderBy(c => c.QueuedUtc)
                .Take(MaxPerPass)
                .Select(c => new Due(c.Id, c.TexterId, c.QueuedUtc, c.Language))
                .ToListAsync(cancellationToken);
        }
        var queued = 0;
        foreach (var conversation in due)
        {
            if (await QueueAsync(conversation, now, cancellationToken))
            {
                queued++;
                await notifier.PublishAsync(new ConversationChange(conversation.Id, ConversationChangeKind.MessageAdded));
            }
        }
        if (queued > 0)
        {
            outboundSignal.Signal();
        }
        return queued;
    }

    private sealed record Due(int Id, int TexterId, DateTime QueuedUtc, ConversationLanguage Language);

    /// <summary>Claims this wait's notice and queues it, in one transaction; false when another server claimed it or the rules stop it.</summary>
    private async Task<bool> QueueAsync(Due conversation, DateTime now, CancellationToken cancellationToken)
    {
        using var turn = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var queuedUtc = conversation.QueuedUtc;
        var claimed = await db.Conversations
            .Where(c => c.Id == conversation.Id && c.Status == ConversationStatus.Queued && c.QueuedUtc == queuedUtc
                && (c.WaitNoticeForQueuedUtc == null || c.WaitNoticeForQueuedUtc != queuedUtc))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.WaitNoticeForQueuedUtc, queuedUtc), cancellationToken);
        if (claimed != 1)
        {
            return false;
        }
        var body = twilioOptions.CurrentValue.AutomaticText(AutomaticTextKind.WaitNotice, conversation.Language);
        var flags = await ContactFlagsReader.ReadAsync(db, conversation.TexterId, cancellationToken);
        var decision = ContactSafetyPolicy.Evaluate(flags, clock.GetUtcNow(), conversationOptions.CurrentValue.DoNotTextBackReplyWindow);
        var send = !string.IsNullOrWhiteSpace(body) && decision.IsAllowed;
        if (send)
        {
            db.Messages.Add(OutboundMessages.NewQueued(conversation.Id, body!, null, MessageOrigin.Automatic, now));
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (!decision.IsAllowed)
        {
            logger.LogInformation("No wait notice for conversation {ConversationId}: the texter's safe-contact rules ({Rules}) stop it",
                conversation.Id, string.Join(',', decision.Rules));
        }
        // Committed either way: the wait is marked as handled, so a skipped notice is not retried every pass.
        await transaction.CommitAsync(cancellationToken);
        return send;
    }
}
