using System.Collections.Concurrent;
using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Observability;
using BeFree.Core.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Inbound;

public enum InboundSmsOutcome
{
    Stored,
    /// <summary>This MessageSid was already stored: Twilio delivered the webhook again.</summary>
    Duplicate,
}

public sealed record InboundSmsResult(InboundSmsOutcome Outcome, int? ConversationId = null);

/// <summary>
/// Stores inbound texts exactly once, threads them, applies the carrier keywords and queues the
/// automatic replies in the same transaction; then tells open screens. Returning normally means
/// the text is committed; an exception means it is not (and Twilio should retry).
/// <para>
/// Group commit: one caller at a time writes, taking every text that queued up meanwhile into the
/// same transaction (one commit, one set of look-ups, instead of one per text). Each caller still
/// gets its answer only after the commit that holds its text. A batch that fails is retried text
/// by text, so one bad text never fails another.
/// </para>
/// <para>
/// The rows every text costs (its message, its automatic replies, the conversation's last-message
/// columns) go through <see cref="PreparedRowWriter{TEntity}"/>; EF's SaveChanges handles the rest
/// (new texters and conversations, reopening, opt-out, risk suggestions, audit), which is rarer.
/// </para>
/// </summary>
public sealed class InboundSmsProcessor(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    ConversationNotifier notifier,
    OutboundSignal outboundSignal,
    AuditLog audit,
    IEnumerable<IInboundTextObserver> observers,
    ConversationReopening reopening,
    RiskLexicon lexicon,
    LeadAlerts leadAlerts,
    BeFreeMetrics metrics,
    IOptions<TwilioOptions> options,
    TimeProvider clock,
    ILogger<InboundSmsProcessor> logger)
{
    private const int MaxAttempts = 3;
    private const int MaxBatch = 64;
    private readonly IInboundTextObserver[] _observers = observers.ToArray();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentQueue<PendingText> _waiting = new();

    public async Task<InboundSmsResult> ProcessAsync(InboundSms sms, CancellationToken cancellationToken = default)
    {
        using var activity = BeFreeTelemetry.ActivitySource.StartActivity(BeFreeTelemetry.Spans.InboundStore);
        for (var attempt = 1; ; attempt++)
        {
            StoredText? stored;
            try
            {
                stored = await WriteAsync(sms, cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // A unique index refused the write: either a concurrent delivery of this very
                // webhook stored it first (done), or another app instance created the texter at
                // the same moment (the retry finds it).
                if (!await IsStoredAsync(sms.MessageSid, cancellationToken))
                {
                    if (attempt >= MaxAttempts)
                    {
                        throw;
                    }
                    logger.LogInformation(ex, "Inbound text {MessageSid} conflicted with a concurrent write; trying again", sms.MessageSid);
                    continue;
                }
                stored = null;
            }

            if (stored is null)
            {
                logger.LogInformation("Inbound text {MessageSid} was already stored; ignoring the repeat delivery", sms.MessageSid);
                activity?.SetTag(BeFreeTelemetry.Tags.InboundOutcome, "duplicate");
                return new InboundSmsResult(InboundSmsOutcome.Duplicate);
            }

            metrics.RecordTextStored();
            activity?.SetTag(BeFreeTelemetry.Tags.InboundOutcome, "stored").SetTag(BeFreeTelemetry.Tags.ConversationId, stored.ConversationId);
            if (stored.RepliesQueued)
            {
                outboundSignal.Signal();
            }
            await notifier.PublishAsync(new ConversationChange(stored.ConversationId, stored.Kind));
            if (stored.ImminentSuggested)
            {
                await leadAlerts.PublishAsync(new LeadAlert(LeadAlertKind.ImminentRiskSuggested, stored.ConversationId, null,
                    $"A text in conversation #{stored.ConversationId} suggests Imminent danger.", clock.GetUtcNow().UtcDateTime));
            }
            return new InboundSmsResult(InboundSmsOutcome.Stored, stored.ConversationId);
        }
    }

    /// <summary>
    /// Runs the whole write path once for a made-up text and rolls it back, so the first real
    /// text after a start does not pay for preparing queries, statements and code (about a third
    /// of a second, more on a busy machine). Nothing is stored and nobody is told.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var sms = new InboundSms("SMwarmup" + Guid.NewGuid().ToString("N"), null, "+10000000000", "+10000000001", "warm up",
            [], null, null, null, null, TrainingRequested: false);
        // A text that matches nothing runs every lexicon pattern: compiled patterns become machine
        // code on their first match, a quarter of a second in all.
        var text = new PendingText(sms, InboundKeywords.Parse(sms.Body), lexicon.Suggest(sms.Body));
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await StoreAsync([text], commit: false);
        }
        finally
        {
            _writer.Release();
        }
    }

    private sealed record StoredText(int ConversationId, ConversationChangeKind Kind, bool RepliesQueued, bool ImminentSuggested);

    /// <summary>A text waiting for the writer, with what can be read from its words alone worked out beforehand.</summary>
    private sealed class PendingText(InboundSms sms, InboundKeyword keyword, RiskSuggestion? suggestion)
    {
        public InboundSms Sms { get; } = sms;
        public InboundKeyword Keyword { get; } = keyword;
        /// <summary>What the lexicon suggests for this text, before knowing its conversation's level.</summary>
        public RiskSuggestion? Suggestion { get; } = suggestion;
        public TaskCompletionSource<StoredText?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Queues the text and writes queued texts until this one is committed (or failed).</summary>
    private async Task<StoredText?> WriteAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        // The words are read here, on the caller's thread, so that the one writer spends its
        // time only on what needs the database.
        var keyword = InboundKeywords.Parse(sms.Body);
        var pending = new PendingText(sms, keyword, keyword is InboundKeyword.None ? lexicon.Suggest(sms.Body) : null);
        _waiting.Enqueue(pending);
        while (!pending.Done.Task.IsCompleted)
        {
            await _writer.WaitAsync(cancellationToken);
            try
            {
                if (pending.Done.Task.IsCompleted)
                {
                    break; // Written by the caller before us.
                }
                var batch = new List<PendingText>();
                while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
                if (batch.Count > 0)
                {
                    await WriteBatchAsync(batch);
                }
            }
            finally
            {
                _writer.Release();
            }
        }
        return await pending.Done.Task;
    }

    private async Task WriteBatchAsync(List<PendingText> batch)
    {
        try
        {
            var results = await StoreAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && !IsDatabaseUnavailable(ex))
        {
            // Something about one text (a constraint, an observer): the others must not suffer.
            logger.LogInformation(ex, "A batch of {Count} inbound texts failed; writing them one by one", batch.Count);
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            // The database itself is unavailable: every text in the batch fails now (and Twilio
            // retries them) rather than each waiting out the busy timeout in turn.
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// The database could not be reached, locked or committed: not about any one text. (A failed
    /// INSERT surfaces as <see cref="DbUpdateException"/> instead, which is tried text by text.)
    /// </summary>
    private static bool IsDatabaseUnavailable(Exception ex) => ex is System.Data.Common.DbException or TimeoutException;

    private async Task<bool> IsStoredAsync(string messageSid, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AnyAsync(m => m.TwilioSid == messageSid, cancellationToken);
    }

    /// <summary>What one batch knows about a number: its texter and the conversation its next text joins.</summary>
    private sealed class NumberThread(Texter texter, Conversation? conversation)
    {
        public Texter Texter { get; } = texter;
        public Conversation? Conversation { get; set; } = conversation;
    }

    /// <summary>
    /// Writes the texts in one transaction; null for a MessageSid already stored. Without
    /// <paramref name="commit"/> (the warm-up) observers are not called and the transaction is rolled back.
    /// </summary>
    private async Task<StoredText?[]> StoreAsync(List<PendingText> texts, bool commit = true)
    {
        var settings = options.Value;
        // Not tied to any request: once started, finishing the write is better than abandoning it.
        var cancellationToken = CancellationToken.None;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A failed batch is rolled back whole and retried text by text: no savepoints needed.
        db.Database.AutoSavepointsEnabled = false;
        // One transaction per batch; on SQLite it takes the write lock at once (BEGIN IMMEDIATE),
        // so the threading decisions below cannot race another writer.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A batch (the usual case under load) leaves duplicates to the unique index: Twilio
        // repeating a webhook is rare, and then the batch is redone text by text, where each
        // MessageSid is checked first. Repeats within this batch are caught here.
        var alreadyStored = texts.Count == 1
            ? (await db.Messages.Where(m => m.TwilioSid == texts[0].Sms.MessageSid).Select(m => m.TwilioSid!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var threads = await LoadThreadsAsync(db, texts.Select(t => t.Sms.From).Distinct().ToList(), cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var written = new (Conversation Conversation, ConversationChangeKind Kind, bool RepliesQueued, bool ImminentSuggested)?[texts.Count];
        // Every message of the batch in thread order: each inbound text, then its automatic replies.
        var messages = new List<Message>();
        var mediaBySid = new Dictionary<string, IReadOnlyList<InboundMedia>>(StringComparer.Ordinal);
        var touched = new HashSet<Conversation>(ReferenceEqualityComparer.Instance);
        var optOutAudits = new List<(Texter Texter, Conversation Conversation, OptOutChange Change)>();
        var suggestions = new List<(Conversation Conversation, RiskSuggestion Suggestion)>();
        for (var i = 0; i < texts.Count; i++)
        {
            var sms = texts[i].Sms;
            if (!alreadyStored.Add(sms.MessageSid))
            {
                continue; // Stored before, or earlier in this batch.
            }
            if (!threads.TryGetValue(sms.From, out var thread))
            {
                thread = new NumberThread(new Texter { PhoneNumber = sms.From, FirstSeenUtc = now }, null);
                db.Texters.Add(thread.Texter);
                threads[sms.From] = thread;
            }
            var (conversation, isNewConversation, reopened) = await JoinThreadAsync(db, thread, sms, settings, now, cancellationToken);
            touched.Add(conversation);
            var message = new Message
            {
                Conversation = conversation,
                Direction = MessageDirection.Inbound,
                Origin = MessageOrigin.Texter,
                TwilioSid = sms.MessageSid,
                Body = sms.Body,
                CreatedUtc = now,
                Status = MessageStatus.Received,
                StatusUpdatedUtc = now,
                NumMedia = sms.Media.Count,
            };
            messages.Add(message);
            if (sms.Media.Count > 0)
            {
                mediaBySid[sms.MessageSid] = sms.Media;
            }

            var keyword = texts[i].Keyword;
            var optOutChange = ApplyKeyword(keyword, thread.Texter, conversation, now);
            if (optOutChange is not OptOutChange.None)
            {
                optOutAudits.Add((thread.Texter, conversation, optOutChange));
            }
            var suggestion = RaiseSuggestedRisk(conversation, texts[i].Suggestion);
            if (suggestion is not null)
            {
                suggestions.Add((conversation, suggestion));
            }
            var replies = AutomaticReplies(settings, keyword, optOutChange, isNewConversation, thread.Texter.IsOptedOut);
            foreach (var (body, isOptOutConfirmation) in replies)
            {
                var reply = OutboundMessages.NewQueued(0, body, null, MessageOrigin.Automatic, now, isOptOutConfirmation);
                reply.Conversation = conversation;
                messages.Add(reply);
            }

            if (commit && _observers.Length > 0)
            {
                var text = new InboundText(conversation, message, isNewConversation, keyword);
                foreach (var observer in _observers)
                {
                    await observer.ObserveAsync(text, cancellationToken);
                }
            }

            var kind = isNewConversation ? ConversationChangeKind.Created
                : optOutChange is not OptOutChange.None ? ConversationChangeKind.OptOutChanged
                : reopened ? ConversationChangeKind.Reopened
                : ConversationChangeKind.MessageAdded;
            written[i] = (conversation, kind, replies.Count > 0, suggestion?.Level == RiskLevel.Imminent);
        }

        // EF writes new texters and conversations and the rarer changes (reopening, opt-out,
        // suggested risk); the columns every text touches go with the messages below.
        var existing = touched.Where(c => db.Entry(c).State != EntityState.Added).ToList();
        foreach (var conversation in existing)
        {
            var entry = db.Entry(conversation);
            foreach (var column in ConversationColumnsEveryTextTouches)
            {
                var property = entry.Property(column);
                property.OriginalValue = property.CurrentValue;
                property.IsModified = false;
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        using (var insertMessage = PreparedRowWriter<Message>.Insert(db))
        {
            foreach (var message in messages)
            {
                message.ConversationId = message.Conversation.Id;
                await insertMessage.WriteAsync(message, cancellationToken);
            }
        }
        using (var touchConversation = PreparedRowWriter<Conversation>.Update(db, ConversationColumnsEveryTextTouches))
        {
            foreach (var conversation in existing)
            {
                await touchConversation.WriteAsync(conversation, cancellationToken);
            }
        }

        if (mediaBySid.Count > 0 || optOutAudits.Count > 0 || suggestions.Count > 0)
        {
            if (mediaBySid.Count > 0)
            {
                var sids = mediaBySid.Keys.ToList();
                var ids = await db.Messages.Where(m => sids.Contains(m.TwilioSid!)).Select(m => new { m.Id, m.TwilioSid }).ToListAsync(cancellationToken);
                foreach (var stored in ids)
                {
                    db.MessageMedia.AddRange(mediaBySid[stored.TwilioSid!].Select(m =>
                        new MessageMedia { MessageId = stored.Id, Index = m.Index, Url = m.Url, ContentType = m.ContentType }));
                }
            }
            foreach (var (conversation, suggestion) in suggestions)
            {
                db.RiskAssessments.Add(new RiskAssessment
                {
                    ConversationId = conversation.Id,
                    Kind = RiskAssessmentKind.SuggestionRaised,
                    Level = suggestion.Level,
                    PreviousLevel = conversation.Risk,
                    Reason = RiskService.TruncateReason($"{suggestion.Reason} ({suggestion.Category})"),
                    CreatedUtc = now,
                });
                audit.Add(db, AuditActor.System, AuditActions.RiskSuggested, "conversation", conversation.Id.ToString(CultureInfo.InvariantCulture),
                    $"level={suggestion.Level}; category={suggestion.Category}");
            }
            // Ids exist only now; the audit rows still commit with the change they record.
            foreach (var (texter, conversation, change) in optOutAudits)
            {
                audit.Add(db, AuditActor.System,
                    change == OptOutChange.OptedOut ? MessagingAuditActions.TexterOptedOut : MessagingAuditActions.TexterOptedIn,
                    "texter", texter.Id.ToString(CultureInfo.InvariantCulture),
                    $"by text keyword in conversation {conversation.Id}");
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!commit)
        {
            await transaction.RollbackAsync(cancellationToken);
            return [];
        }
        await transaction.CommitAsync(cancellationToken);

        return written.Select(w => w is { } x ? new StoredText(x.Conversation.Id, x.Kind, x.RepliesQueued, x.ImminentSuggested) : null).ToArray();
    }

    /// <summary>What every inbound text changes on an existing conversation.</summary>
    private static readonly string[] ConversationColumnsEveryTextTouches =
    [
        nameof(Conversation.LastMessageUtc), nameof(Conversation.UnreadCount),
        nameof(Conversation.FromCity), nameof(Conversation.FromState), nameof(Conversation.FromZip), nameof(Conversation.FromCountry),
    ];

    /// <summary>
    /// Raises the conversation's suggested risk, in this transaction, when the text's lexicon
    /// suggestion is above both the assessed and the suggested level. Never lowers anything.
    /// </summary>
    private static RiskSuggestion? RaiseSuggestedRisk(Conversation conversation, RiskSuggestion? suggestion)
    {
        if (suggestion is null
            || !RiskService.RaisesSuggestion(conversation.Status, conversation.Risk, conversation.SuggestedRisk, suggestion.Level))
        {
            return null;
        }
        conversation.SuggestedRisk = suggestion.Level;
        conversation.SuggestedRiskReason = RiskService.TruncateReason(suggestion.Reason);
        return suggestion;
    }

    /// <summary>
    /// The known texters among <paramref name="phoneNumbers"/>, each with the conversation a new
    /// text joins: the open one if any, else the latest closed one (to reopen).
    /// </summary>
    private static async Task<Dictionary<string, NumberThread>> LoadThreadsAsync(BeFreeDbContext db, List<string> phoneNumbers, CancellationToken cancellationToken)
    {
        // Texters with all their conversations in one query; a texter rarely has more than a few.
        var texters = await db.Texters.Include(t => t.Conversations)
            .Where(t => phoneNumbers.Contains(t.PhoneNumber))
            .ToListAsync(cancellationToken);
        var threads = new Dictionary<string, NumberThread>(StringComparer.Ordinal);
        foreach (var texter in texters)
        {
            var conversation = texter.Conversations.Where(c => c.Status != ConversationStatus.Closed).MaxBy(c => c.Id)
                ?? texter.Conversations.MaxBy(c => c.Id);
            threads[texter.PhoneNumber] = new NumberThread(texter, conversation);
        }
        return threads;
    }

    /// <summary>
    /// The threading rule: an open conversation takes the text (unread if assigned); a closed one
    /// reopens to the queue as returning; otherwise a new conversation joins the queue.
    /// </summary>
    private async Task<(Conversation Conversation, bool IsNew, bool Reopened)> JoinThreadAsync(BeFreeDbContext db, NumberThread thread,
        InboundSms sms, TwilioOptions settings, DateTime now, CancellationToken cancellationToken)
    {
        var reopened = false;
        var conversation = thread.Conversation;
        var isNew = conversation is null;
        if (conversation is null)
        {
            var training = sms.TrainingRequested && settings.IsSimulated;
            if (sms.TrainingRequested && !training)
            {
                logger.LogWarning("Inbound text {MessageSid} asked to be training outside Simulated mode; treated as real", sms.MessageSid);
            }
            conversation = new Conversation
            {
                Texter = thread.Texter,
                Status = ConversationStatus.Queued,
                CreatedUtc = now,
                QueuedUtc = now,
                IsTraining = training,
            };
            db.Conversations.Add(conversation);
            thread.Conversation = conversation;
        }
        else if (conversation.Status == ConversationStatus.Closed)
        {
            // Back to the same advocate if they are on shift, else to the queue flagged as returning.
            await reopening.ReopenAsync(db, conversation, cancellationToken);
            reopened = true;
        }
        if (conversation.Status == ConversationStatus.Assigned)
        {
            conversation.UnreadCount++;
        }
        conversation.LastMessageUtc = now;
        conversation.FromCity ??= sms.FromCity;
        conversation.FromState ??= sms.FromState;
        conversation.FromZip ??= sms.FromZip;
        conversation.FromCountry ??= sms.FromCountry;
        return (conversation, isNew, reopened);
    }

    private enum OptOutChange
    {
        None,
        OptedOut,
        OptedIn,
    }

    private static OptOutChange ApplyKeyword(InboundKeyword keyword, Texter texter, Conversation conversation, DateTime now)
    {
        switch (keyword)
        {
            case InboundKeyword.OptOut when !texter.IsOptedOut:
                texter.IsOptedOut = true;
                texter.OptedOutUtc = now;
                conversation.OptOutAlert = true;
                return OptOutChange.OptedOut;
            case InboundKeyword.OptIn when texter.IsOptedOut:
                texter.IsOptedOut = false;
                texter.OptedOutUtc = null;
                conversation.OptOutAlert = false;
                return OptOutChange.OptedIn;
            default:
                return OptOutChange.None;
        }
    }

    /// <summary>
    /// Which automatic texts this inbound text earns. Only the STOP confirmation may go to an
    /// opted-out texter; a repeated STOP gets nothing.
    /// </summary>
    private static List<(string Body, bool IsOptOutConfirmation)> AutomaticReplies(
        TwilioOptions settings, InboundKeyword keyword, OptOutChange optOutChange, bool isNewConversation, bool optedOut)
    {
        var replies = new List<(string, bool)>();
        if (optOutChange == OptOutChange.OptedOut)
        {
            AddIfSet(replies, settings.OptOutReply, isOptOutConfirmation: true);
            return replies;
        }
        if (optedOut)
        {
            return replies;
        }
        if (isNewConversation)
        {
            AddIfSet(replies, settings.FirstContactReply);
        }
        if (optOutChange == OptOutChange.OptedIn)
        {
            AddIfSet(replies, settings.OptInReply);
        }
        if (keyword == InboundKeyword.Help)
        {
            AddIfSet(replies, settings.InfoReply);
        }
        return replies;
    }

    private static void AddIfSet(List<(string, bool)> replies, string? body, bool isOptOutConfirmation = false)
    {
        if (!string.IsNullOrWhiteSpace(body))
        {
            replies.Add((body, isOptOutConfirmation));
        }
    }
}
