using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Inbound;

/// <summary>
/// Writes a batch of inbound texts in one transaction: loads their texters and conversations, applies
/// <see cref="InboundThreading"/>'s decisions, and writes the messages, automatic replies, reopenings,
/// opt-outs, risk suggestions and audit rows. <see cref="InboundGroupCommit"/> decides what goes in a batch.
/// <para>
/// The rows every text costs (its message, its automatic replies, the conversation's last-message
/// columns) go through <see cref="PreparedRowWriter{TEntity}"/>; EF's SaveChanges handles the rest
/// (new texters and conversations, reopening, opt-out, risk suggestions, audit), which is rarer.
/// </para>
/// </summary>
internal sealed class InboundBatchWriter(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    IEnumerable<IInboundTextObserver> observers,
    ConversationReopening reopening,
    IOptions<TwilioOptions> options,
    TimeProvider clock,
    ILogger logger)
{
    private readonly IInboundTextObserver[] _observers = observers.ToArray();

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
    public async Task<StoredText?[]> StoreAsync(List<PendingText> texts, bool commit = true)
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
            InboundThreading.ApplyLanguage(conversation, texts[i].Language);
            var optOutChange = InboundThreading.ApplyKeyword(keyword, thread.Texter, conversation, now);
            if (optOutChange is not OptOutChange.None)
            {
                optOutAudits.Add((thread.Texter, conversation, optOutChange));
            }
            var suggestion = InboundThreading.RaiseSuggestedRisk(conversation, texts[i].Suggestion);
            if (suggestion is not null)
            {
                suggestions.Add((conversation, suggestion));
            }
            var replies = InboundThreading.AutomaticReplies(settings, keyword, optOutChange, isNewConversation, thread.Texter.IsOptedOut,
                InboundThreading.ReplyLanguage(conversation, keyword, texts[i].Language));
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

            var kind = InboundThreading.ChangeKind(isNewConversation, optOutChange, reopened);
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

        // One round trip for all of them where the provider batches (PostgreSQL, SQL Server).
        foreach (var message in messages)
        {
            message.ConversationId = message.Conversation.Id;
        }
        using (var insertMessage = PreparedRowWriter<Message>.Insert(db))
        {
            await insertMessage.WriteAllAsync(messages, cancellationToken);
        }
        if (existing.Count > 0)
        {
            using var touchConversation = PreparedRowWriter<Conversation>.Update(db, ConversationColumnsEveryTextTouches);
            await touchConversation.WriteAllAsync(existing, cancellationToken);
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
                if (change == OptOutChange.OptedOut)
                {
                    BeFree.Core.Crm.CrmOutbox.Add(db, BeFree.Core.Crm.CrmEventTypes.TexterOptedOut, conversation.Id, now);
                }
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
    /// The known texters among <paramref name="phoneNumbers"/>, each with the conversation a new
    /// text joins (see <see cref="InboundThreading.ConversationToJoin"/>).
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
            threads[texter.PhoneNumber] = new NumberThread(texter, InboundThreading.ConversationToJoin(texter.Conversations));
        }
        return threads;
    }

    /// <summary>
    /// The threading rule applied: an open conversation takes the text (unread if assigned); a closed one
    /// reopens (back to the same advocate if on shift, else to the queue flagged as returning); otherwise
    /// a new conversation joins the queue.
    /// </summary>
    private async Task<(Conversation Conversation, bool IsNew, bool Reopened)> JoinThreadAsync(BeFreeDbContext db, NumberThread thread,
        InboundSms sms, TwilioOptions settings, DateTime now, CancellationToken cancellationToken)
    {
        var reopened = false;
        var conversation = thread.Conversation;
        var isNew = conversation is null;
        if (conversation is null)
        {
            var training = InboundThreading.IsTraining(sms, settings);
            if (sms.TrainingRequested && !training)
            {
                logger.LogWarning("Inbound text {MessageSid} asked to be training outside Simulated mode; treated as real", sms.MessageSid);
            }
            conversation = InboundThreading.StartConversation(thread.Texter, training, now);
            db.Conversations.Add(conversation);
            thread.Conversation = conversation;
        }
        else if (InboundThreading.Reopens(conversation))
        {
            await reopening.ReopenAsync(db, conversation, cancellationToken);
            reopened = true;
        }
        InboundThreading.CountText(conversation, sms, now);
        return (conversation, isNew, reopened);
    }
}
