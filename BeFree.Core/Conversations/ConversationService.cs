using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Conversations;

/// <summary>
/// An advocate's own conversations and what they can do with them. Every method re-checks on the
/// server that the actor holds the conversation (a shift lead takes it over first, audited).
/// </summary>
public sealed class ConversationService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    ConversationNotifier notifier,
    IStaffPresence presence,
    IOptions<ConversationOptions> options,
    TimeProvider clock)
{
    public const int MaxNoteLength = 2000;
    public const int MaxSummaryLength = 4000;

    /// <summary>The dispositions to choose from when closing.</summary>
    public IReadOnlyList<string> Dispositions => options.Value.EffectiveDispositions;

    /// <summary>The actor's open conversations; only those in <paramref name="language"/> when given.</summary>
    public async Task<IReadOnlyList<MyConversationItem>> ListMineAsync(string actorId, CancellationToken cancellationToken = default,
        ConversationLanguage? language = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, ConversationAccess.AnsweringRoles);
        var rows = await ConversationAccess.HeldBy(db, actor.Id).AsNoTracking()
            .Where(c => language == null || c.Language == language)
            .Select(c => new
            {
                c.Id,
                c.Texter.PhoneNumber,
                LastBody = c.Messages.OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
                    .Select(m => m.Body).FirstOrDefault(),
                LastMedia = c.Messages.OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
                    .Select(m => (int?)m.NumMedia).FirstOrDefault(),
                c.LastMessageUtc,
                c.UnreadCount,
                c.Risk,
                c.SuggestedRisk,
                c.IsTraining,
                c.IsReturning,
                c.OptOutAlert,
                c.ClaimedUtc,
                c.Language,
                WaitingSince = c.Messages
                    .Where(m => m.Direction == MessageDirection.Inbound && !c.Messages.Any(o =>
                        o.Direction == MessageDirection.Outbound && o.Origin != MessageOrigin.Automatic && o.CreatedUtc >= m.CreatedUtc))
                    .Min(m => (DateTime?)m.CreatedUtc),
            })
            .ToListAsync(cancellationToken);
        var previewLength = options.Value.PreviewLength;
        return rows
            .Select(r => new MyConversationItem(r.Id, PhoneMasking.Mask(r.PhoneNumber),
                QueueService.Preview(r.LastBody, r.LastMedia ?? 0, previewLength), r.LastMessageUtc, r.UnreadCount,
                r.Risk, r.SuggestedRisk, r.IsTraining, r.IsReturning, r.OptOutAlert, r.ClaimedUtc, r.Language,
                r.WaitingSince is { } waiting ? DateTime.SpecifyKind(waiting, DateTimeKind.Utc) : null))
            .OrderByDescending(r => r.UnreadCount > 0)
            .ThenByDescending(r => r.LastMessageUtc)
            .ToList();
    }

    private static async Task<List<ThreadMessage>> WithMediaAsync(BeFreeDbContext db, int conversationId, List<ThreadMessage> messages, CancellationToken cancellationToken)
    {
        if (!messages.Any(m => m.NumMedia > 0))
        {
            return messages;
        }
        var media = (await db.MessageMedia.AsNoTracking()
                .Where(mm => db.Messages.Any(m => m.Id == mm.MessageId && m.ConversationId == conversationId))
                .OrderBy(mm => mm.Index)
                .Select(mm => new { mm.MessageId, mm.Index, mm.ContentType, Erased = mm.Url == "" })
                .ToListAsync(cancellationToken))
            .ToLookup(mm => mm.MessageId, mm => new ThreadMedia(mm.Index, mm.ContentType, mm.Erased));
        return messages.Select(m => media.Contains(m.Id) ? m with { Media = media[m.Id].ToList() } : m).ToList();
    }

    public Task<ConversationDetail> GetDetailAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
        => GetDetailAsync(actorId, conversationId, ConversationSurface.Conversation, cancellationToken);

    /// <summary>The whole conversation as <paramref name="surface"/> shows it; a reader who does not hold it is audited.</summary>
    public async Task<ConversationDetail> GetDetailAsync(string actorId, int conversationId, ConversationSurface surface,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireReaderAsync(db, actor, conversation, surface, audit, cancellationToken);

        var messages = await (from m in db.Messages.AsNoTracking()
                              where m.ConversationId == conversationId
                              join u in db.Users on m.SentById equals u.Id into senders
                              from u in senders.DefaultIfEmpty()
                              orderby m.CreatedUtc, m.Id
                              select new ThreadMessage(m.Id, m.Direction, m.Origin, m.Body, m.CreatedUtc, m.Status,
                                  m.StatusUpdatedUtc, u == null ? null : u.DisplayName, m.ErrorMessage, m.NumMedia))
            .ToListAsync(cancellationToken);
        messages = await WithMediaAsync(db, conversationId, messages, cancellationToken);
        var notes = (await (from n in db.ConversationNotes.AsNoTracking()
                            where n.ConversationId == conversationId
                            join u in db.Users on n.AuthorId equals u.Id into authors
                            from u in authors.DefaultIfEmpty()
                            join f in db.Users on n.FromStaffId equals f.Id into previous
                            from f in previous.DefaultIfEmpty()
                            join t in db.Users on n.ToStaffId equals t.Id into next
                            from t in next.DefaultIfEmpty()
                            orderby n.CreatedUtc, n.Id
                            select new NoteRow(n.Id, n.Kind, n.Body, n.CreatedUtc, n.AuthorId, n.FromStaffId,
                                u == null ? null : u.DisplayName, f == null ? null : f.DisplayName, t == null ? null : t.DisplayName))
            .ToListAsync(cancellationToken)).Select(n => n.ToView()).ToList();
        var earlier = await (from c in db.Conversations.AsNoTracking()
                             where c.TexterId == conversation.TexterId && c.Id != conversationId
                             join u in db.Users on c.AssignedToId equals u.Id into advocates
                             from u in advocates.DefaultIfEmpty()
                             orderby c.CreatedUtc descending
                             select new EarlierConversation(c.Id, c.Status, c.CreatedUtc, c.ClosedUtc, c.Disposition, c.Summary, c.Risk,
                                 u == null ? null : u.DisplayName))
            .ToListAsync(cancellationToken);
        var assignedName = conversation.AssignedToId is null ? null
            : await ConversationAccess.DisplayNameAsync(db, conversation.AssignedToId, cancellationToken);
        var texter = conversation.Texter;

        return new ConversationDetail(
            conversation.Id, texter.Id, conversation.Status, conversation.AssignedToId, assignedName,
            IsMine: conversation.Status == ConversationStatus.Assigned && conversation.AssignedToId == actor.Id,
            PhoneMasking.Mask(texter.PhoneNumber), TexterSafety.From(texter),
            ContactSafetyPolicy.Evaluate(ContactFlags.From(texter, await ContactFlagsReader.LastInboundUtcAsync(db, texter.Id, cancellationToken)),
                clock.GetUtcNow(), options.Value.DoNotTextBackReplyWindow),
            conversation.Risk, conversation.SuggestedRisk, conversation.SuggestedRiskReason,
            conversation.IsTraining, conversation.IsReturning, conversation.OptOutAlert, conversation.UnreadCount,
            conversation.CreatedUtc, conversation.QueuedUtc, conversation.ClaimedUtc, conversation.FirstResponseUtc, conversation.ClosedUtc,
            conversation.Disposition, conversation.Summary,
            conversation.FromCity, conversation.FromState, conversation.FromZip, conversation.FromCountry,
            messages, notes, earlier, conversation.Language);
    }

    /// <summary>Clears the unread count when the holder opens the conversation. Anyone else reading leaves it alone.</summary>
    public async Task<bool> MarkReadAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var actorKey = actor.Id;
        var rows = await db.Conversations
            .Where(c => c.Id == conversationId && c.AssignedToId == actorKey && c.Status == ConversationStatus.Assigned && c.UnreadCount > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UnreadCount, 0), cancellationToken);
        if (rows == 1)
        {
            await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Updated, actor.Id));
        }
        return rows == 1;
    }

    /// <summary>
    /// Puts the conversation back in the queue. The queue still orders it by the texter's real wait
    /// (their oldest unanswered text), not by this moment.
    /// </summary>
    public async Task ReleaseAsync(string actorId, int conversationId, string? note = null, CancellationToken cancellationToken = default)
    {
        var noteText = TypedText.Optional(note, ConversationMessages.Get("Field_ReleaseNote"), MaxNoteLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_Release"), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var actorKey = actor.Id;

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var rows = await db.Conversations
                .Where(c => c.Id == conversationId && c.AssignedToId == actorKey && c.Status == ConversationStatus.Assigned)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.AssignedToId, (string?)null)
                    .SetProperty(c => c.Status, ConversationStatus.Queued)
                    .SetProperty(c => c.QueuedUtc, now)
                    .SetProperty(c => c.ClaimedUtc, (DateTime?)null), cancellationToken);
            if (rows != 1)
            {
                throw new ConversationActionException(ConversationMessages.Get("Release_Changed"));
            }
            if (noteText is not null)
            {
                db.ConversationNotes.Add(NewNote(conversationId, actor.Id, ConversationNoteKind.Release, noteText, now));
            }
            audit.Add(db, ConversationAccess.Actor(actor), AuditActions.ConversationReleased, "conversation", conversationId.ToString());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Released, actor.Id));
    }

    /// <summary>Active advocates other than the holder, with their load and whether they are on shift.</summary>
    public async Task<IReadOnlyList<TransferTarget>> ListTransferTargetsAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        if (!(actor.IsInRole(StaffRoles.ShiftLead) && conversation.Status == ConversationStatus.Assigned))
        {
            // Shift leads may list targets to reassign from the live board; everyone else only for their own.
            await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_Transfer"), cancellationToken);
        }
        var holderId = conversation.AssignedToId;
        var advocates = await (from u in db.Users.AsNoTracking()
                               where u.IsActive && u.Id != holderId
                               where (from ur in db.UserRoles
                                      join r in db.Roles on ur.RoleId equals r.Id
                                      where ur.UserId == u.Id && r.Name == StaffRoles.Advocate
                                      select ur).Any()
                               select new
                               {
                                   u.Id,
                                   u.DisplayName,
                                   u.MaxConcurrentConversations,
                                   Held = db.Conversations.Count(c => c.AssignedToId == u.Id && c.Status == ConversationStatus.Assigned),
                               })
            .ToListAsync(cancellationToken);
        return advocates
            .Select(a => new TransferTarget(a.Id, a.DisplayName, a.Held, a.MaxConcurrentConversations, presence.IsOnShift(a.Id)))
            .OrderByDescending(t => t.IsOnShift)
            .ThenByDescending(t => t.HasCapacity)
            .ThenBy(t => t.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Hands the conversation to another active advocate who has room, with an internal note for
    /// them. The texter is not told.
    /// </summary>
    public async Task TransferAsync(string actorId, int conversationId, string targetStaffId, string note, CancellationToken cancellationToken = default)
    {
        var noteText = TypedText.Require(note, ConversationMessages.Get("Field_TransferNote"), MaxNoteLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_Transfer"), cancellationToken);
        await MoveAsync(db, actor, conversation, targetStaffId, noteText, AuditActions.ConversationTransferred, cancellationToken);
    }

    /// <summary>
    /// A shift lead moves a conversation from whoever holds it to another advocate (from the live
    /// board), without taking it over first. Audited; the new holder gets the note; the texter is not told.
    /// </summary>
    public async Task ReassignAsync(string leadId, int conversationId, string targetStaffId, string note, CancellationToken cancellationToken = default)
    {
        var noteText = TypedText.Require(note, ConversationMessages.Get("Field_TransferNote"), MaxNoteLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, leadId, cancellationToken, StaffRoles.ShiftLead);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        if (conversation.Status != ConversationStatus.Assigned)
        {
            throw new ConversationActionException(conversation.Status == ConversationStatus.Queued
                ? ConversationMessages.Get("Reassign_Queued")
                : ConversationMessages.Get("Closed"));
        }
        await MoveAsync(db, actor, conversation, targetStaffId, noteText, AuditActions.ConversationReassigned, cancellationToken);
    }

    /// <summary>
    /// Moves an assigned conversation from its current holder to <paramref name="targetStaffId"/>,
    /// only if nobody changed it meanwhile and the target has room: both in one conditional update.
    /// </summary>
    private async Task MoveAsync(BeFreeDbContext db, StaffMember actor, Conversation conversation, string targetStaffId, string noteText,
        string auditAction, CancellationToken cancellationToken)
    {
        var conversationId = conversation.Id;
        var fromKey = conversation.AssignedToId;
        if (targetStaffId == fromKey)
        {
            throw new ConversationActionException(fromKey == actor.Id
                ? ConversationMessages.Get("Move_AlreadyYours")
                : ConversationMessages.Get("Move_AlreadyTheirs"));
        }
        var target = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == targetStaffId, cancellationToken)
            ?? throw new ConversationActionException(ConversationMessages.Get("Move_NoSuchAdvocate"));
        var targetIsAdvocate = await (from ur in db.UserRoles
                                      join r in db.Roles on ur.RoleId equals r.Id
                                      where ur.UserId == target.Id && r.Name == StaffRoles.Advocate
                                      select ur).AnyAsync(cancellationToken);
        if (!target.IsActive || !targetIsAdvocate)
        {
            throw new ConversationActionException(ConversationMessages.Get("Move_NotActive", target.DisplayName));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var targetKey = target.Id;
        var targetCapacity = target.MaxConcurrentConversations;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Capacity is part of the same conditional update, so two transfers to one advocate cannot both squeeze in.
            var rows = await db.Conversations
                .Where(c => c.Id == conversationId && c.AssignedToId == fromKey && c.Status == ConversationStatus.Assigned
                    && db.Conversations.Count(o => o.AssignedToId == targetKey && o.Status == ConversationStatus.Assigned) < targetCapacity)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.AssignedToId, targetKey)
                    .SetProperty(c => c.ClaimedUtc, now), cancellationToken);
            if (rows != 1)
            {
                var held = await ConversationAccess.HeldBy(db, targetKey).CountAsync(cancellationToken);
                throw new ConversationActionException(held >= targetCapacity
                    ? ConversationMessages.Get("Move_AtLimit", target.DisplayName, held)
                    : ConversationMessages.Get("Move_Changed"));
            }
            var note = NewNote(conversationId, actor.Id, ConversationNoteKind.Transfer, noteText, now);
            (note.FromStaffId, note.ToStaffId) = (fromKey, target.Id);
            db.ConversationNotes.Add(note);
            audit.Add(db, ConversationAccess.Actor(actor), auditAction, "conversation", conversationId.ToString(),
                $"from={fromKey}; to={target.Id}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Transferred, target.Id));
    }

    /// <summary>A shift lead or admin opens a conversation read-only from the live board. Audited: monitoring is visible.</summary>
    public async Task<ConversationDetail> MonitorAsync(string leadId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var actor = await StaffAccess.RequireAsync(db, leadId, cancellationToken, StaffRoles.ShiftLead, StaffRoles.Admin);
            await audit.WriteAsync(ConversationAccess.Actor(actor), AuditActions.ConversationMonitored, "conversation",
                conversationId.ToString(), cancellationToken: cancellationToken);
        }
        return await GetDetailAsync(leadId, conversationId, ConversationSurface.Monitor, cancellationToken);
    }

    /// <summary>
    /// A shift lead takes a conversation from whoever holds it (for supervision or an emergency).
    /// Audited with the reason; the lead then holds it and may act on it. Capacity does not apply.
    /// </summary>
    public async Task TakeOverAsync(string actorId, int conversationId, string reason, CancellationToken cancellationToken = default)
    {
        var reasonText = TypedText.Require(reason, ConversationMessages.Get("Field_TakeOverReason"), MaxNoteLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.ShiftLead);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        switch (conversation.Status)
        {
            case ConversationStatus.Assigned when conversation.AssignedToId == actor.Id:
                return; // Already theirs: a repeated click.
            case ConversationStatus.Queued:
                throw new ConversationActionException(ConversationMessages.Get("TakeOver_Queued"));
            case ConversationStatus.Closed:
                throw new ConversationActionException(ConversationMessages.Get("Closed"));
        }
        var previousId = conversation.AssignedToId;
        var now = clock.GetUtcNow().UtcDateTime;
        var actorKey = actor.Id;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var rows = await db.Conversations
                .Where(c => c.Id == conversationId && c.AssignedToId == previousId && c.Status == ConversationStatus.Assigned)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.AssignedToId, actorKey)
                    .SetProperty(c => c.ClaimedUtc, now), cancellationToken);
            if (rows != 1)
            {
                throw new ConversationActionException(ConversationMessages.Get("TakeOver_Changed"));
            }
            var note = NewNote(conversationId, actor.Id, ConversationNoteKind.TakeOver, reasonText, now);
            note.FromStaffId = previousId;
            db.ConversationNotes.Add(note);
            audit.Add(db, ConversationAccess.Actor(actor), AuditActions.ConversationTakenOver, "conversation", conversationId.ToString(),
                $"from={previousId}; reason={AuditText.Reason(reasonText)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Transferred, actor.Id));
    }

    /// <summary>Closes with a disposition from the configured list and a summary.</summary>
    public async Task CloseAsync(string actorId, int conversationId, string disposition, string summary, CancellationToken cancellationToken = default)
    {
        var chosen = Dispositions.FirstOrDefault(d => string.Equals(d, disposition?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ConversationActionException(ConversationMessages.Get("Close_Disposition"));
        var summaryText = TypedText.Require(summary, ConversationMessages.Get("Field_Summary"), MaxSummaryLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_Close"), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var actorKey = actor.Id;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The holder stays recorded on a closed conversation: a returning texter goes back to them if they are on shift.
            var rows = await db.Conversations
                .Where(c => c.Id == conversationId && c.AssignedToId == actorKey && c.Status == ConversationStatus.Assigned)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Status, ConversationStatus.Closed)
                    .SetProperty(c => c.ClosedUtc, now)
                    .SetProperty(c => c.Disposition, chosen)
                    .SetProperty(c => c.Summary, summaryText)
                    .SetProperty(c => c.UnreadCount, 0), cancellationToken);
            if (rows != 1)
            {
                throw new ConversationActionException(ConversationMessages.Get("Close_Changed"));
            }
            // Nobody will send those drafts now.
            await db.ReplyDrafts.Where(d => d.ConversationId == conversationId).ExecuteDeleteAsync(cancellationToken);
            audit.Add(db, ConversationAccess.Actor(actor), AuditActions.ConversationClosed, "conversation", conversationId.ToString(),
                $"disposition={chosen}");
            BeFree.Core.Crm.CrmOutbox.Add(db, BeFree.Core.Crm.CrmEventTypes.ConversationClosed, conversationId, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Closed, actor.Id));
    }

    /// <summary>An internal note: never sent. The holder and shift leads may write them.</summary>
    public async Task<long> AddNoteAsync(string actorId, int conversationId, string body, CancellationToken cancellationToken = default)
    {
        var text = TypedText.Require(body, ConversationMessages.Get("Field_Note"), MaxNoteLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        if (!actor.IsInRole(StaffRoles.ShiftLead))
        {
            await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_AddNotes"), cancellationToken);
        }
        var note = NewNote(conversationId, actor.Id, ConversationNoteKind.Note, text, clock.GetUtcNow().UtcDateTime);
        db.ConversationNotes.Add(note);
        audit.Add(db, ConversationAccess.Actor(actor), AuditActions.ConversationNoteAdded, "conversation", conversationId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Updated, actor.Id));
        return note.Id;
    }

    /// <summary>
    /// Why <paramref name="actorId"/> no longer holds the conversation, when a shift lead took it over or it was
    /// transferred or reassigned away from them ("Taken over by Lee: texter in danger"), read from the audit trail and
    /// the handover note. Null when they hold it, or when nothing has happened to them since they last acted on it.
    /// </summary>
    public async Task<HandoverNotice?> GetHandoverNoticeAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new { c.Status, c.AssignedToId })
            .FirstOrDefaultAsync(cancellationToken);
        if (conversation is null || (conversation.AssignedToId == actor.Id && conversation.Status == ConversationStatus.Assigned))
        {
            return null;
        }
        var subject = conversationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actorKey = actor.Id;
        var fromActor = $"from={actorKey};";
        string[] handovers = [AuditActions.ConversationTakenOver, AuditActions.ConversationTransferred, AuditActions.ConversationReassigned];
        var entry = await db.AuditEntries.AsNoTracking()
            .Where(a => a.SubjectType == "conversation" && a.SubjectId == subject && handovers.Contains(a.Action)
                && a.Details != null && a.Details.StartsWith(fromActor))
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return null;
        }
        // Claimed it again, or otherwise acted on it since: the notice is old news.
        var entryId = entry.Id;
        if (await db.AuditEntries.AnyAsync(a => a.Id > entryId && a.SubjectType == "conversation" && a.SubjectId == subject
                && a.ActorId == actorKey, cancellationToken))
        {
            return null;
        }
        var noteKind = entry.Action == AuditActions.ConversationTakenOver ? ConversationNoteKind.TakeOver : ConversationNoteKind.Transfer;
        var note = await db.ConversationNotes.AsNoTracking()
            .Where(n => n.ConversationId == conversationId && n.Kind == noteKind && n.AuthorId == entry.ActorId)
            .OrderByDescending(n => n.Id)
            .Select(n => new { n.Body, n.FromStaffId })
            .FirstOrDefaultAsync(cancellationToken);
        // A note from before FromStaffId holds the whole English sentence: the reason follows its first colon.
        var reason = note is null ? null : note.FromStaffId is null ? AfterFirstColon(note.Body) : note.Body;
        var byName = entry.ActorName;
        var toId = entry.Action == AuditActions.ConversationTakenOver ? entry.ActorId : DetailValue(entry.Details, "to");
        var toName = await ConversationAccess.DisplayNameAsync(db, toId, cancellationToken);
        var message = entry.Action switch
        {
            AuditActions.ConversationTakenOver => reason is null
                ? ConversationMessages.Get("Handover_TakenOver", byName)
                : ConversationMessages.Get("Handover_TakenOverBecause", byName, reason),
            AuditActions.ConversationReassigned => reason is null
                ? ConversationMessages.Get("Handover_Reassigned", toName, byName)
                : ConversationMessages.Get("Handover_ReassignedBecause", toName, byName, reason),
            _ => ConversationMessages.Get("Handover_Transferred", toName),
        };
        return new HandoverNotice(message, toName, entry.OccurredUtc);
    }

    /// <summary>A note as read, with the names of its author and of whoever held the conversation before and after.</summary>
    private sealed record NoteRow(long Id, ConversationNoteKind Kind, string Body, DateTime CreatedUtc, string? AuthorId, string? FromStaffId,
        string? AuthorName, string? FromName, string? ToName)
    {
        public NoteView ToView()
        {
            var author = AuthorName ?? AuditActor.SystemDisplayName;
            return new NoteView(Id, Kind, Worded(author), CreatedUtc, author);
        }

        /// <summary>
        /// A transfer or take-over as its reader sees it: who handed it to whom, in their language, around the person's
        /// own words. Other notes, and handovers stored as one English sentence (no <see cref="FromStaffId"/>), read as stored.
        /// </summary>
        private string Worded(string author) => (Kind, FromStaffId) switch
        {
            (_, null) => Body,
            (ConversationNoteKind.Transfer, _) when AuthorId == FromStaffId => ConversationMessages.Get("Note_Transferred",
                ConversationAccess.NameOrUnknown(FromName), ConversationAccess.NameOrUnknown(ToName), Body),
            (ConversationNoteKind.Transfer, _) => ConversationMessages.Get("Note_TransferredBy",
                ConversationAccess.NameOrUnknown(FromName), ConversationAccess.NameOrUnknown(ToName), author, Body),
            (ConversationNoteKind.TakeOver, _) => ConversationMessages.Get("Note_TakenOver", author, ConversationAccess.NameOrUnknown(FromName), Body),
            _ => Body,
        };
    }

    private static string? AfterFirstColon(string body)
    {
        var at = body.IndexOf(": ", StringComparison.Ordinal);
        return at < 0 || at + 2 >= body.Length ? null : body[(at + 2)..];
    }

    private static string? DetailValue(string? details, string key)
        => details?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == key)
            .Select(pair => pair[1])
            .FirstOrDefault();

    private static ConversationNote NewNote(int conversationId, string authorId, ConversationNoteKind kind, string body, DateTime now) => new()
    {
        ConversationId = conversationId,
        AuthorId = authorId,
        Kind = kind,
        Body = body.Length <= MaxNoteLength ? body : body[..MaxNoteLength],
        CreatedUtc = now,
    };
}

/// <summary>Shown to an advocate who lost a conversation: who has it now and why.</summary>
public sealed record HandoverNotice(string Message, string NowHeldBy, DateTime AtUtc);
