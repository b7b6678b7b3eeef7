using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Conversations;

/// <summary>The safe-contact flags an advocate can set. Opt-out is not here: only the texter (STOP/START) changes it.</summary>
public sealed record TexterSafetyChanges(
    bool DoNotTextBack,
    TimeOnly? SafeWindowStart,
    TimeOnly? SafeWindowEnd,
    string? TimeZoneId,
    string? CodeWord,
    bool NeutralWordingReminder);

/// <summary>Editing a texter's safe-contact flags, and revealing their full number (audited).</summary>
public sealed class TexterSafetyService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    ConversationNotifier notifier)
{
    public const int MaxCodeWordLength = 100;

    /// <summary>The conversation's holder or any shift lead.</summary>
    public async Task UpdateAsync(string actorId, int conversationId, TexterSafetyChanges changes, CancellationToken cancellationToken = default)
    {
        Validate(changes);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: true, cancellationToken);
        if (!actor.IsInRole(StaffRoles.ShiftLead))
        {
            await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_ChangeSafety"), cancellationToken);
        }
        var texter = conversation.Texter;
        var changed = new List<string>();
        if (texter.DoNotTextBack != changes.DoNotTextBack)
        {
            changed.Add($"doNotTextBack={(changes.DoNotTextBack ? "on" : "off")}");
            texter.DoNotTextBack = changes.DoNotTextBack;
        }
        if (texter.SafeWindowStart != changes.SafeWindowStart || texter.SafeWindowEnd != changes.SafeWindowEnd)
        {
            changed.Add(changes.SafeWindowStart is { } s && changes.SafeWindowEnd is { } e
                ? $"safeWindow={s:HH\\:mm}-{e:HH\\:mm}" : "safeWindow=none");
            texter.SafeWindowStart = changes.SafeWindowStart;
            texter.SafeWindowEnd = changes.SafeWindowEnd;
        }
        var zone = string.IsNullOrWhiteSpace(changes.TimeZoneId) ? null : changes.TimeZoneId.Trim();
        if (texter.TimeZoneId != zone)
        {
            changed.Add($"timeZone={zone ?? "none"}");
            texter.TimeZoneId = zone;
        }
        var codeWord = string.IsNullOrWhiteSpace(changes.CodeWord) ? null : changes.CodeWord.Trim();
        if (texter.CodeWord != codeWord)
        {
            // The code word itself is never written to the audit log.
            changed.Add(codeWord is null ? "codeWord=removed" : "codeWord=changed");
            texter.CodeWord = codeWord;
        }
        if (texter.NeutralWordingReminder != changes.NeutralWordingReminder)
        {
            changed.Add($"neutralWording={(changes.NeutralWordingReminder ? "on" : "off")}");
            texter.NeutralWordingReminder = changes.NeutralWordingReminder;
        }
        if (changed.Count == 0)
        {
            return;
        }
        audit.Add(db, ConversationAccess.Actor(actor), AuditActions.TexterSafetyUpdated, "texter", texter.Id.ToString(),
            $"conversation={conversationId}; {string.Join("; ", changed)}");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.Updated, actor.Id));
    }

    private static void Validate(TexterSafetyChanges changes)
    {
        if (changes.SafeWindowStart.HasValue != changes.SafeWindowEnd.HasValue)
        {
            throw new ConversationActionException(ConversationMessages.Get("Safety_HalfWindow"));
        }
        if (changes.SafeWindowStart is { } start && start == changes.SafeWindowEnd)
        {
            throw new ConversationActionException(ConversationMessages.Get("Safety_SameTimes"));
        }
        if (!string.IsNullOrWhiteSpace(changes.TimeZoneId) && !ContactSafetyPolicy.TryFindTimeZone(changes.TimeZoneId, out _))
        {
            throw new ConversationActionException(ConversationMessages.Get("Safety_UnknownZone", changes.TimeZoneId.Trim()));
        }
        if (changes.SafeWindowStart is not null && string.IsNullOrWhiteSpace(changes.TimeZoneId))
        {
            throw new ConversationActionException(ConversationMessages.Get("Safety_NeedZone"));
        }
        TypedText.Optional(changes.CodeWord, ConversationMessages.Get("Field_CodeWord"), MaxCodeWordLength);
    }

    /// <summary>
    /// The full number, for the holder, shift leads and admins. Needs a reason; audited with it
    /// (the number itself is never written to the log).
    /// </summary>
    public async Task<string> RevealNumberAsync(string actorId, int conversationId, string reason, CancellationToken cancellationToken = default)
    {
        var reasonText = TypedText.Require(reason, ConversationMessages.Get("Field_RevealReason"), 500);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        if (!actor.IsLeadOrAdmin)
        {
            await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_SeeNumber"), cancellationToken);
        }
        await audit.WriteAsync(ConversationAccess.Actor(actor), AuditActions.TexterNumberRevealed, "texter", conversation.TexterId.ToString(),
            $"conversation={conversationId}; reason={AuditText.Reason(reasonText)}", cancellationToken);
        return conversation.Texter.PhoneNumber;
    }
}
