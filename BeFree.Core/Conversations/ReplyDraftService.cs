using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Conversations;

/// <summary>
/// Unsent replies, per conversation and per person, kept in the database until sent (<see cref="ReplyService"/>
/// clears the sender's) or the conversation is closed (<see cref="ConversationService.CloseAsync"/> clears all).
/// Each person reads and writes only their own.
/// </summary>
public sealed class ReplyDraftService(IDbContextFactory<BeFreeDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Keeps <paramref name="body"/> as the actor's draft; an empty body clears it.</summary>
    public async Task SaveAsync(string actorId, int conversationId, string? body, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            await ClearAsync(actorId, conversationId, cancellationToken);
            return;
        }
        if (body.Length > ReplyService.MaxDraftLength)
        {
            throw new ConversationActionException(ConversationMessages.Get("Draft_TooLong", ReplyService.MaxDraftLength));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var staffId = actor.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await UpdateAsync(db, conversationId, staffId, body, now, cancellationToken);
        if (rows == 1)
        {
            return;
        }
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId && c.Status != ConversationStatus.Closed, cancellationToken))
        {
            return; // Closed (or gone) while typing: nothing to keep.
        }
        db.ReplyDrafts.Add(new ReplyDraft { ConversationId = conversationId, StaffId = staffId, Body = body, UpdatedUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same person's other tab inserted first: keep the newest text.
            db.ChangeTracker.Clear();
            await UpdateAsync(db, conversationId, staffId, body, now, cancellationToken);
        }
    }

    private static Task<int> UpdateAsync(BeFreeDbContext db, int conversationId, string staffId, string body, DateTime now,
        CancellationToken cancellationToken)
        => db.ReplyDrafts
            .Where(d => d.ConversationId == conversationId && d.StaffId == staffId)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Body, body).SetProperty(d => d.UpdatedUtc, now), cancellationToken);

    /// <summary>The actor's draft for the conversation, or null.</summary>
    public async Task<string?> GetAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var staffId = actor.Id;
        return await db.ReplyDrafts.AsNoTracking()
            .Where(d => d.ConversationId == conversationId && d.StaffId == staffId)
            .Select(d => d.Body)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task ClearAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var staffId = actor.Id;
        await db.ReplyDrafts.Where(d => d.ConversationId == conversationId && d.StaffId == staffId).ExecuteDeleteAsync(cancellationToken);
    }
}
