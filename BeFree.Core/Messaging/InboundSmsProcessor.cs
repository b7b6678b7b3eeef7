using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging;

public enum InboundSmsOutcome
{
    Stored,
    /// <summary>This MessageSid was already stored: Twilio delivered the webhook again.</summary>
    Duplicate,
}

public sealed record InboundSmsResult(InboundSmsOutcome Outcome, int? ConversationId = null, long? MessageId = null);

/// <summary>
/// Stores one inbound text exactly once, threads it, applies the carrier keywords and queues the
/// automatic replies, all in one transaction; then tells open screens. Returning normally means
/// the text is committed; any exception means it is not (and Twilio should retry).
/// </summary>
public sealed class InboundSmsProcessor(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    ConversationNotifier notifier,
    OutboundSignal outboundSignal,
    AuditLog audit,
    IEnumerable<IInboundTextObserver> observers,
    IOptions<TwilioOptions> options,
    TimeProvider clock,
    ILogger<InboundSmsProcessor> logger)
{
    private const int MaxAttempts = 3;
    private readonly IInboundTextObserver[] _observers = observers.ToArray();

    public async Task<InboundSmsResult> ProcessAsync(InboundSms sms, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            StoredText? stored;
            try
            {
                stored = await StoreAsync(sms, cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // A unique index refused the write: either a concurrent delivery of this very
                // webhook stored it first (done), or two first texts from one number raced to
                // create the texter (the retry finds it).
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
                return new InboundSmsResult(InboundSmsOutcome.Duplicate);
            }

            if (stored.RepliesQueued)
            {
                outboundSignal.Signal();
            }
            await notifier.PublishAsync(new ConversationChange(stored.ConversationId, stored.Kind));
            return new InboundSmsResult(InboundSmsOutcome.Stored, stored.ConversationId, stored.MessageId);
        }
    }

    private sealed record StoredText(int ConversationId, long MessageId, ConversationChangeKind Kind, bool RepliesQueued);

    private async Task<bool> IsStoredAsync(string messageSid, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AnyAsync(m => m.TwilioSid == messageSid, cancellationToken);
    }

    /// <summary>Null when the MessageSid is already stored.</summary>
    private async Task<StoredText?> StoreAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One writer at a time decides the threading (SQLite: BEGIN IMMEDIATE), so two texts from
        // one number cannot both open a conversation. The unique index is the last word on duplicates.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Messages.AnyAsync(m => m.TwilioSid == sms.MessageSid, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var texter = await db.Texters.FirstOrDefaultAsync(t => t.PhoneNumber == sms.From, cancellationToken);
        Conversation? conversation = null;
        if (texter is null)
        {
            texter = new Texter { PhoneNumber = sms.From, FirstSeenUtc = now };
            db.Texters.Add(texter);
        }
        else
        {
            // The open conversation if there is one, else the latest closed one.
            conversation = await db.Conversations
                .Where(c => c.TexterId == texter.Id)
                .OrderBy(c => c.Status == ConversationStatus.Closed ? 1 : 0)
                .ThenByDescending(c => c.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        var isNewConversation = conversation is null;
        if (conversation is null)
        {
            var training = sms.TrainingRequested && settings.IsSimulated;
            if (sms.TrainingRequested && !training)
            {
                logger.LogWarning("Inbound text {MessageSid} asked to be training outside Simulated mode; treated as real", sms.MessageSid);
            }
            conversation = new Conversation
            {
                Texter = texter,
                Status = ConversationStatus.Queued,
                CreatedUtc = now,
                QueuedUtc = now,
                IsTraining = training,
            };
            db.Conversations.Add(conversation);
        }
        else if (conversation.Status == ConversationStatus.Closed)
        {
            conversation.Status = ConversationStatus.Queued;
            conversation.AssignedToId = null;
            conversation.QueuedUtc = now;
            conversation.IsReturning = true;
        }
        else if (conversation.Status == ConversationStatus.Assigned)
        {
            conversation.UnreadCount++;
        }
        conversation.LastMessageUtc = now;
        conversation.FromCity ??= sms.FromCity;
        conversation.FromState ??= sms.FromState;
        conversation.FromZip ??= sms.FromZip;
        conversation.FromCountry ??= sms.FromCountry;

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
            Media = sms.Media.Select(m => new MessageMedia { Index = m.Index, Url = m.Url, ContentType = m.ContentType }).ToList(),
        };
        db.Messages.Add(message);

        var keyword = InboundKeywords.Parse(sms.Body);
        var optOutChange = ApplyKeyword(keyword, texter, conversation, now);
        var replies = AutomaticReplies(settings, keyword, optOutChange, isNewConversation, texter.IsOptedOut);
        foreach (var (body, isOptOutConfirmation) in replies)
        {
            var reply = OutboundMessages.NewQueued(0, body, null, MessageOrigin.Automatic, now, isOptOutConfirmation);
            reply.Conversation = conversation;
            db.Messages.Add(reply);
        }

        if (_observers.Length > 0)
        {
            var text = new InboundText(conversation, message, isNewConversation, keyword);
            foreach (var observer in _observers)
            {
                await observer.ObserveAsync(text, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (optOutChange is not OptOutChange.None)
        {
            // Ids exist only now; the audit row still commits with the change it records.
            audit.Add(db, AuditActor.System,
                optOutChange == OptOutChange.OptedOut ? MessagingAuditActions.TexterOptedOut : MessagingAuditActions.TexterOptedIn,
                "texter", texter.Id.ToString(CultureInfo.InvariantCulture),
                $"by text keyword in conversation {conversation.Id}");
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        var kind = isNewConversation ? ConversationChangeKind.Created
            : optOutChange is not OptOutChange.None ? ConversationChangeKind.OptOutChanged
            : ConversationChangeKind.MessageAdded;
        return new StoredText(conversation.Id, message.Id, kind, replies.Count > 0);
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
