using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using BeFree.Tests.Core.Conversations;

namespace BeFree.Tests.Core.Reports;

/// <summary>
/// Writes conversations, messages and escalations straight into the database, so a report's
/// figures can be checked against values worked out by hand.
/// </summary>
public sealed class ReportDataSet(WorkspaceHost host, string advocateId)
{
    private int _phone;

    public static DateTime Utc(int month, int day, int hour, int minute, int second = 0)
        => new(2026, month, day, hour, minute, second, DateTimeKind.Utc);

    public async Task<int> AgencyAsync(string agency)
    {
        await using var db = await host.DbAsync();
        var contact = new LawEnforcementContact { Agency = agency, State = "TX", CreatedUtc = Utc(1, 1, 0, 0), UpdatedUtc = Utc(1, 1, 0, 0) };
        db.LawEnforcementContacts.Add(contact);
        await db.SaveChangesAsync();
        return contact.Id;
    }

    /// <summary>
    /// A conversation: the texter's first text at <paramref name="created"/>, an automatic
    /// acknowledgement five seconds later (never a first response), the first advocate reply
    /// after <paramref name="firstReplyAfter"/> and a second one later, closed after <paramref name="closedAfter"/>.
    /// </summary>
    public async Task<int> ConversationAsync(DateTime created, TimeSpan? firstReplyAfter, TimeSpan? closedAfter,
        RiskLevel risk = RiskLevel.Unknown, string? disposition = null, string? summary = null, bool training = false,
        bool optedOut = false, string? phone = null, string firstText = "I need help")
    {
        await using var db = await host.DbAsync();
        var conversation = new Conversation
        {
            Texter = new Texter { PhoneNumber = phone ?? $"+1555{Interlocked.Increment(ref _phone):D7}", FirstSeenUtc = created },
            CreatedUtc = created,
            QueuedUtc = created,
            LastMessageUtc = created,
            Risk = risk,
            IsTraining = training,
            OptOutAlert = optedOut,
            Status = closedAfter is null ? (firstReplyAfter is null ? ConversationStatus.Queued : ConversationStatus.Assigned) : ConversationStatus.Closed,
            AssignedToId = firstReplyAfter is null ? null : advocateId,
            ClosedUtc = created + closedAfter,
            Disposition = closedAfter is null ? null : disposition,
            Summary = closedAfter is null ? null : summary,
        };
        conversation.Messages.Add(Message(MessageDirection.Inbound, MessageOrigin.Texter, firstText, created, null));
        conversation.Messages.Add(Message(MessageDirection.Outbound, MessageOrigin.Automatic, "You reached BeFree.", created.AddSeconds(5), null));
        if (firstReplyAfter is { } after)
        {
            conversation.Messages.Add(Message(MessageDirection.Outbound, MessageOrigin.Advocate, "We are here.", created + after, advocateId));
            conversation.Messages.Add(Message(MessageDirection.Outbound, MessageOrigin.Advocate, "Are you safe?", created + after + TimeSpan.FromMinutes(1), advocateId));
        }
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    public async Task EscalationAsync(int conversationId, int contactId, EscalationStatus status, DateTime? sentUtc = null)
    {
        await using var db = await host.DbAsync();
        db.Escalations.Add(new Escalation
        {
            ConversationId = conversationId,
            ContactId = contactId,
            Summary = "report",
            Status = status,
            CreatedById = advocateId,
            CreatedUtc = Utc(1, 1, 0, 0),
            UpdatedUtc = Utc(1, 1, 0, 0),
            SentUtc = sentUtc,
        });
        await db.SaveChangesAsync();
    }

    public async Task<long> AddMediaAsync(int conversationId, string url)
    {
        await using var db = await host.DbAsync();
        var message = db.Messages.Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Inbound).OrderBy(m => m.Id).First();
        message.Media.Add(new MessageMedia { Index = 0, Url = url, ContentType = "image/jpeg" });
        message.NumMedia = 1;
        await db.SaveChangesAsync();
        return message.Id;
    }

    private static Message Message(MessageDirection direction, MessageOrigin origin, string body, DateTime at, string? sentBy) => new()
    {
        Direction = direction,
        Origin = origin,
        Body = body,
        CreatedUtc = at,
        SentById = sentBy,
        Status = direction == MessageDirection.Inbound ? MessageStatus.Received : MessageStatus.Delivered,
        StatusUpdatedUtc = at,
        TwilioSid = "SM" + Guid.NewGuid().ToString("N"),
    };
}
