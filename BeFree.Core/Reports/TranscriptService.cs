using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Reports;

public sealed record TranscriptLine(
    DateTime CreatedUtc,
    MessageDirection Direction,
    string From,
    string Body,
    bool BodyErased,
    MessageStatus Status,
    int MediaCount,
    TranscriptSender Sender);

/// <summary>Who wrote a line, so a page can name the texter and the hotline in its reader's language (<see cref="TranscriptLine.From"/> is English or a name).</summary>
public enum TranscriptSender
{
    Texter,
    Automatic,
    /// <summary>A staff member whose name is in <see cref="TranscriptLine.From"/>.</summary>
    Staff,
    /// <summary>A staff member whose account is gone.</summary>
    UnknownStaff,
}

/// <summary>One conversation, printable. The number is masked; erased bodies say so.</summary>
public sealed record Transcript(
    int ConversationId,
    string Reference,
    string MaskedNumber,
    ConversationStatus Status,
    DateTime CreatedUtc,
    DateTime? ClosedUtc,
    RiskLevel Risk,
    string? Disposition,
    string? Summary,
    bool IsTraining,
    IReadOnlyList<TranscriptLine> Lines,
    DateTime PrintedUtc,
    string PrintedBy);

/// <summary>The printable transcript of one conversation, for Admins only. Every view is audited.</summary>
public sealed class TranscriptService(IDbContextFactory<BeFreeDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public async Task<Transcript> GetAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Texter)
            .FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken)
            ?? throw new ConversationActionException(ReportMessages.Get("ConversationNotFound"));
        await ConversationAccess.RequireReaderAsync(db, actor, conversation, ConversationSurface.Transcript, audit, cancellationToken);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.CreatedUtc).ThenBy(m => m.Id)
            .Select(m => new { m.CreatedUtc, m.Direction, m.Origin, m.SentById, m.Body, m.BodyErasedUtc, m.Status, Media = m.Media.Count })
            .ToListAsync(cancellationToken);
        var senderIds = messages.Where(m => m.SentById != null).Select(m => m.SentById!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => senderIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var lines = messages.Select(m => new TranscriptLine(
            m.CreatedUtc,
            m.Direction,
            m.Direction == MessageDirection.Inbound ? "Texter"
                : m.Origin == MessageOrigin.Automatic ? "BeFree (automatic)"
                : m.SentById is { } id && names.TryGetValue(id, out var name) ? name : "Advocate",
            m.Body,
            m.BodyErasedUtc is not null,
            m.Status,
            m.Media,
            m.Direction == MessageDirection.Inbound ? TranscriptSender.Texter
                : m.Origin == MessageOrigin.Automatic ? TranscriptSender.Automatic
                : m.SentById is { } staffId && names.ContainsKey(staffId) ? TranscriptSender.Staff
                : TranscriptSender.UnknownStaff)).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        audit.Add(db, ConversationAccess.Actor(actor), AuditActions.TranscriptViewed, "conversation", conversationId.ToString());
        await db.SaveChangesAsync(cancellationToken);

        return new Transcript(conversation.Id, ConversationReference.For(conversation.Id), PhoneMasking.Mask(conversation.Texter.PhoneNumber),
            conversation.Status, conversation.CreatedUtc, conversation.ClosedUtc, conversation.Risk, conversation.Disposition,
            conversation.Summary, conversation.IsTraining, lines, now, actor.DisplayName);
    }
}
