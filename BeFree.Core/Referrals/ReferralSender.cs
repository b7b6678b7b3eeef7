using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Crm;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Referrals;

public sealed record ReferralView(long Id, int ServiceId, string ServiceName, ServiceKind Kind, string SentByName, DateTime SentUtc);

public sealed record ReferralCount(ServiceKind Kind, int Count);

/// <summary>
/// Sends a referral to the texter. The text must follow the neutral wording rule, then it goes
/// through <see cref="ReplyService"/>: only the holder sends, and every safe-contact rule (opt-out,
/// do-not-text-back, safe hours, a lead's recorded override) applies exactly as to a reply. Only a
/// text the reply path accepted is recorded as a referral, audited and handed to the CRM outbox.
/// </summary>
public sealed class ReferralSender(IDbContextFactory<BeFreeDbContext> dbFactory, ReplyService replies, AuditLog audit, TimeProvider clock)
{
    public async Task<long> SendAsync(string actorId, int conversationId, int serviceId, string text, string? overrideReason = null,
        CancellationToken cancellationToken = default)
    {
        SupportService service;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await StaffAccess.RequireAsync(db, actorId, cancellationToken);
            service = await db.SupportServices.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken)
                ?? throw new ConversationActionException(ReferralMessages.Get("ChooseService"));
        }
        if (!service.IsActive)
        {
            throw new ConversationActionException(ReferralMessages.Get("ServiceInactive", service.Name));
        }
        CheckWording(service, text);

        var reply = await replies.SendReplyAsync(actorId, conversationId, text, overrideReason, cancellationToken: cancellationToken);

        await using var write = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(write, actorId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var referral = new Referral
        {
            ConversationId = conversationId,
            ServiceId = service.Id,
            Kind = service.Kind,
            MessageId = reply.MessageId,
            SentById = actor.Id,
            SentUtc = now,
        };
        // The referral, its audit entry and its CRM event commit together (the event needs the referral's id).
        await using var transaction = await write.Database.BeginTransactionAsync(cancellationToken);
        write.Referrals.Add(referral);
        await write.SaveChangesAsync(cancellationToken);
        audit.Add(write, ConversationAccess.Actor(actor), ReferralAuditActions.ReferralSent, "conversation", conversationId.ToString(),
            $"referral={referral.Id}; service={service.Id}; kind={service.Kind}; message={reply.MessageId}");
        CrmOutbox.Add(write, CrmEventTypes.ReferralSent, conversationId, now, referralId: referral.Id);
        await write.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return referral.Id;
    }

    /// <summary>The neutral wording rule, also shown to the advocate as they type.</summary>
    public static void CheckWording(SupportService service, string text)
    {
        var alarming = NeutralWording.FindAlarmingWords(text);
        if (alarming.Count > 0)
        {
            throw new ConversationActionException(ReferralMessages.Get("AlarmingWords", string.Join("\", \"", alarming)));
        }
        if (!string.Equals(service.Name, service.NeutralName, StringComparison.OrdinalIgnoreCase)
            && text.Contains(service.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConversationActionException(ReferralMessages.Get("UseNeutralName", service.NeutralName));
        }
    }

    public async Task<IReadOnlyList<ReferralView>> ListForConversationAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireReaderAsync(db, actor, conversation, ConversationSurface.Conversation, audit, cancellationToken);
        return await (from r in db.Referrals.AsNoTracking()
                      join s in db.SupportServices on r.ServiceId equals s.Id
                      join u in db.Users on r.SentById equals u.Id into users
                      from u in users.DefaultIfEmpty()
                      where r.ConversationId == conversationId
                      orderby r.SentUtc descending
                      select new ReferralView(r.Id, s.Id, s.Name, r.Kind, u == null ? "former staff" : u.DisplayName, r.SentUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Referrals sent in [fromUtc, toUtc), by kind, training conversations left out. Shift leads and admins.</summary>
    public async Task<IReadOnlyList<ReferralCount>> CountByKindAsync(string actorId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.ShiftLead, StaffRoles.Admin);
        var kinds = await (from r in db.Referrals.AsNoTracking()
                           join c in db.Conversations on r.ConversationId equals c.Id
                           where r.SentUtc >= fromUtc && r.SentUtc < toUtc && !c.IsTraining
                           select r.Kind).ToListAsync(cancellationToken);
        return kinds.GroupBy(k => k).OrderBy(g => g.Key).Select(g => new ReferralCount(g.Key, g.Count())).ToList();
    }
}
