using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Conversations;

/// <summary>
/// The advocate's choice of a conversation's language (automatic texts, canned responses offered).
/// The holder or a shift lead may change it; the choice settles it, so the detector no longer does.
/// </summary>
public sealed class ConversationLanguageService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    ConversationNotifier notifier)
{
    public async Task<ConversationLanguage> GetAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireViewerAsync(db, actor, conversation, cancellationToken);
        return conversation.Language;
    }

    public async Task SetAsync(string actorId, int conversationId, ConversationLanguage language, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(language))
        {
            throw new ConversationActionException(ConversationMessages.Get("Language_Choose"));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        if (!actor.IsInRole(StaffRoles.ShiftLead))
        {
            await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_ChangeLanguage"), cancellationToken);
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var rows = await db.Conversations.Where(c => c.Id == conversationId && (c.Language != language || !c.LanguageSettled))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Language, language)
                    .SetProperty(c => c.LanguageSettled, true), cancellationToken);
            if (rows == 0)
            {
                return;
            }
            audit.Add(db, ConversationAccess.Actor(actor), TexterAuditActions.LanguageSet, "conversation",
                conversationId.ToString(CultureInfo.InvariantCulture), $"language={language}; was={conversation.Language}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Updated, actor.Id));
    }
}
