using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Live;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Queue;

public sealed record StaffNoticeView(long Id, StaffNoticeKind Kind, string Body, int? ConversationId, string FromName, DateTime CreatedUtc);

/// <summary>
/// Private notes and wellbeing nudges from shift leads to one member of staff. Saved first, then
/// pushed live to that person's open screens; they stay until the person marks them read.
/// </summary>
public sealed class StaffNotices(IDbContextFactory<BeFreeDbContext> dbFactory, AuditLog audit, TimeProvider clock,
    ILogger<StaffNotices> logger, ILiveBus? bus = null)
{
    public const int MaxBodyLength = 1000;

    /// <summary>Carries the id of the member of staff whose notices changed.</summary>
    private readonly LiveFeed<string> _changed = new("staff notices", logger, bus);

    public async Task<long> SendAsync(string leadId, string toStaffId, StaffNoticeKind kind, string body, int? conversationId = null,
        CancellationToken cancellationToken = default)
    {
        var text = body.Trim();
        if (text.Length is 0 or > MaxBodyLength)
        {
            throw new StaffRuleException(QueueMessages.Get("Notice_Length", MaxBodyLength));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lead = await StaffAccess.RequireAsync(db, leadId, cancellationToken, StaffRoles.ShiftLead);
        var recipient = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == toStaffId, cancellationToken);
        if (recipient is null || !recipient.IsActive)
        {
            throw new StaffRuleException(QueueMessages.Get("Notice_Inactive"));
        }
        var notice = new StaffNotice
        {
            ToStaffId = toStaffId,
            FromStaffId = lead.Id,
            ConversationId = conversationId,
            Kind = kind,
            Body = text,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.StaffNotices.Add(notice);
        audit.Add(db, new AuditActor(lead.Id, lead.DisplayName), AuditActions.StaffNoticeSent, "staff", toStaffId,
            $"kind={kind}" + (conversationId is { } id ? $"; conversation={id}" : ""));
        await db.SaveChangesAsync(cancellationToken);
        _changed.Publish(toStaffId);
        return notice.Id;
    }

    public async Task<IReadOnlyList<StaffNoticeView>> ListUnreadAsync(string staffId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from n in db.StaffNotices.AsNoTracking()
                      where n.ToStaffId == staffId && n.ReadUtc == null
                      join u in db.Users on n.FromStaffId equals u.Id
                      orderby n.Id
                      select new StaffNoticeView(n.Id, n.Kind, n.Body, n.ConversationId, u.DisplayName, n.CreatedUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Only the recipient can mark their notice read; repeating it changes nothing.</summary>
    public async Task MarkReadAsync(string staffId, long noticeId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.StaffNotices.Where(n => n.Id == noticeId && n.ToStaffId == staffId && n.ReadUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadUtc, now), cancellationToken);
        if (rows == 1)
        {
            _changed.Publish(staffId);
        }
    }

    /// <summary>
    /// Screens of <paramref name="staffId"/> re-read their notices when called; notices that change while
    /// a screen re-reads collapse into one more call.
    /// </summary>
    public LiveSubscription<string> Subscribe(string staffId, Func<Task> handler)
        => _changed.Subscribe((_, _) => handler(), changedFor => changedFor == staffId, backlog: 1);
}
