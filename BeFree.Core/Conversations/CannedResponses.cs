using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Live;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Conversations;

public sealed record CannedResponseInput(string Title, string Body, int SortOrder = 0,
    ConversationLanguage Language = ConversationLanguage.English);

public sealed record CannedResponseView(int Id, string Title, string Body, bool IsActive, int SortOrder, DateTime UpdatedUtc,
    ConversationLanguage Language = ConversationLanguage.English);

/// <summary>
/// Prepared replies: every advocate reads the active ones; shift leads and admins manage them. Each change
/// is pushed live after it commits, so open reply boxes and the management page never offer a stale list.
/// </summary>
public sealed class CannedResponses(IDbContextFactory<BeFreeDbContext> dbFactory, AuditLog audit, TimeProvider clock,
    ILogger<CannedResponses> logger)
{
    public const int MaxTitleLength = 100;
    private static readonly string[] Managers = [StaffRoles.ShiftLead, StaffRoles.Admin];

    /// <summary>Carries the id of the canned response that was created or changed.</summary>
    private readonly LiveFeed<int> _changed = new("canned responses", logger);

    /// <summary>
    /// Screens that show canned responses re-read them when called; changes that arrive while a screen
    /// re-reads collapse into one more call.
    /// </summary>
    public LiveSubscription<int> Subscribe(Func<Task> handler)
        => _changed.Subscribe((_, _) => handler(), backlog: 1);

    /// <summary>The canned responses, only those in <paramref name="language"/> when given.</summary>
    public async Task<IReadOnlyList<CannedResponseView>> ListAsync(string actorId, bool includeInactive = false, CancellationToken cancellationToken = default,
        ConversationLanguage? language = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        if (includeInactive && !actor.IsLeadOrAdmin)
        {
            includeInactive = false;
        }
        return await db.CannedResponses.AsNoTracking()
            .Where(c => includeInactive || c.IsActive)
            .Where(c => language == null || c.Language == language)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Title)
            .Select(c => new CannedResponseView(c.Id, c.Title, c.Body, c.IsActive, c.SortOrder, c.UpdatedUtc, c.Language))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CreateAsync(string actorId, CannedResponseInput input, CancellationToken cancellationToken = default)
    {
        var (title, body) = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Managers);
        if (await db.CannedResponses.AnyAsync(c => c.Title == title, cancellationToken))
        {
            throw new ConversationActionException(ConversationMessages.Get("Canned_Exists", title));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var response = new CannedResponse
        {
            Title = title,
            Body = body,
            SortOrder = input.SortOrder,
            Language = input.Language,
            IsActive = true,
            CreatedUtc = now,
            UpdatedUtc = now,
            UpdatedById = actor.Id,
        };
        db.CannedResponses.Add(response);
        await db.SaveChangesAsync(cancellationToken);
        _changed.Publish(response.Id);
        await audit.WriteAsync(ConversationAccess.Actor(actor), AuditActions.CannedResponseCreated, "canned-response", response.Id.ToString(),
            cancellationToken: cancellationToken);
        return response.Id;
    }

    public async Task UpdateAsync(string actorId, int id, CannedResponseInput input, CancellationToken cancellationToken = default)
    {
        var (title, body) = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Managers);
        var response = await db.CannedResponses.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ConversationActionException(ConversationMessages.Get("Canned_NotFound"));
        if (await db.CannedResponses.AnyAsync(c => c.Title == title && c.Id != id, cancellationToken))
        {
            throw new ConversationActionException(ConversationMessages.Get("Canned_Exists", title));
        }
        response.Title = title;
        response.Body = body;
        response.SortOrder = input.SortOrder;
        response.Language = input.Language;
        response.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        response.UpdatedById = actor.Id;
        audit.Add(db, ConversationAccess.Actor(actor), AuditActions.CannedResponseUpdated, "canned-response", id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        _changed.Publish(id);
    }

    public async Task SetActiveAsync(string actorId, int id, bool active, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Managers);
        var response = await db.CannedResponses.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ConversationActionException(ConversationMessages.Get("Canned_NotFound"));
        if (response.IsActive == active)
        {
            return;
        }
        response.IsActive = active;
        response.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        response.UpdatedById = actor.Id;
        audit.Add(db, ConversationAccess.Actor(actor), active ? AuditActions.CannedResponseActivated : AuditActions.CannedResponseDeactivated,
            "canned-response", id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        _changed.Publish(id);
    }

    private static (string Title, string Body) Validate(CannedResponseInput input)
    {
        if (!Enum.IsDefined(input.Language))
        {
            throw new ConversationActionException(ConversationMessages.Get("Canned_Language"));
        }
        return (TypedText.Require(input.Title, ConversationMessages.Get("Field_Title"), MaxTitleLength),
            TypedText.Require(input.Body, ConversationMessages.Get("Field_Text"), ReplyService.MaxBodyLength));
    }
}
