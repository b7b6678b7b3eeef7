using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Risk;

public sealed record RiskHistoryItem(RiskAssessmentKind Kind, RiskLevel Level, RiskLevel PreviousLevel, string Reason, string ByName, DateTime CreatedUtc);

/// <summary>
/// A conversation's risk: set by its holder with a reason, suggested by the lexicon, every change
/// kept in the history and audited. Imminent alerts the shift leads.
/// </summary>
public sealed class RiskService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    ConversationNotifier notifier,
    LeadAlerts leadAlerts,
    TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public async Task SetRiskAsync(string actorId, int conversationId, RiskLevel level, string reason, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(level) || level == RiskLevel.Unknown)
        {
            throw new ConversationActionException(RiskMessages.Get("ChooseLevel"));
        }
        var reasonText = TypedText.Require(reason, RiskMessages.Get("Field_Reason"), MaxReasonLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: true, cancellationToken);
        await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_ChangeRisk"), cancellationToken);
        if (conversation.Risk == level)
        {
            return; // A repeated click.
        }
        var previous = conversation.Risk;
        var now = clock.GetUtcNow().UtcDateTime;
        conversation.Risk = level;
        if (conversation.SuggestedRisk is { } suggested && suggested <= level)
        {
            // The assessment covers what was suggested.
            conversation.SuggestedRisk = null;
            conversation.SuggestedRiskReason = null;
        }
        db.RiskAssessments.Add(new RiskAssessment
        {
            ConversationId = conversationId,
            Kind = RiskAssessmentKind.Set,
            Level = level,
            PreviousLevel = previous,
            Reason = reasonText,
            ById = actor.Id,
            CreatedUtc = now,
        });
        audit.Add(db, ConversationAccess.Actor(actor), AuditActions.RiskSet, "conversation", conversationId.ToString(),
            $"from={previous}; to={level}; reason={AuditText.Reason(reasonText)}");
        await db.SaveChangesAsync(cancellationToken);

        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.RiskChanged, actor.Id));
        if (level == RiskLevel.Imminent)
        {
            await leadAlerts.PublishAsync(LeadAlert.Worded(LeadAlertKind.ImminentRisk, conversationId, null, now,
                "Alert_ImminentSet", actor.DisplayName, conversationId.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Takes the suggested level as the assessed one (never lowers the risk).</summary>
    public async Task ConfirmSuggestionAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: true, cancellationToken);
        await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_ConfirmRisk"), cancellationToken);
        if (conversation.SuggestedRisk is not { } suggested)
        {
            return; // Already confirmed or dismissed.
        }
        var previous = conversation.Risk;
        var level = suggested > previous ? suggested : previous;
        var now = clock.GetUtcNow().UtcDateTime;
        conversation.Risk = level;
        conversation.SuggestedRisk = null;
        db.RiskAssessments.Add(new RiskAssessment
        {
            ConversationId = conversationId,
            Kind = RiskAssessmentKind.SuggestionConfirmed,
            Level = level,
            PreviousLevel = previous,
            // The matched words stay only on the SuggestionRaised row, which retention erases with the texts.
            Reason = "Confirmed suggestion",
            ById = actor.Id,
            CreatedUtc = now,
        });
        conversation.SuggestedRiskReason = null;
        // The matched words come from the texter's message, so they stay out of the audit log.
        audit.Add(db, ConversationAccess.Actor(actor), AuditActions.RiskSuggestionConfirmed, "conversation", conversationId.ToString(),
            $"from={previous}; to={level}");
        await db.SaveChangesAsync(cancellationToken);

        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.RiskChanged, actor.Id));
        if (level == RiskLevel.Imminent && previous != RiskLevel.Imminent)
        {
            await leadAlerts.PublishAsync(LeadAlert.Worded(LeadAlertKind.ImminentRisk, conversationId, null, now,
                "Alert_ImminentConfirmed", actor.DisplayName, conversationId.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public async Task DismissSuggestionAsync(string actorId, int conversationId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var reasonText = TypedText.Optional(reason, RiskMessages.Get("Field_DismissReason"), MaxReasonLength);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: true, cancellationToken);
        await ConversationAccess.RequireHolderAsync(db, actor, conversation, ConversationMessages.Get("Do_DismissRisk"), cancellationToken);
        if (conversation.SuggestedRisk is not { } suggested)
        {
            return;
        }
        db.RiskAssessments.Add(new RiskAssessment
        {
            ConversationId = conversationId,
            Kind = RiskAssessmentKind.SuggestionDismissed,
            Level = suggested,
            PreviousLevel = conversation.Risk,
            Reason = reasonText is null ? "Dismissed suggestion" : TruncateReason($"Dismissed suggestion: {reasonText}"),
            ById = actor.Id,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        });
        conversation.SuggestedRisk = null;
        conversation.SuggestedRiskReason = null;
        audit.Add(db, ConversationAccess.Actor(actor), AuditActions.RiskSuggestionDismissed, "conversation", conversationId.ToString(),
            $"suggested={suggested}" + (reasonText is null ? "" : $"; reason={AuditText.Reason(reasonText)}"));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.RiskChanged, actor.Id));
    }

    /// <summary>Oldest first. Readable by whoever may read the conversation.</summary>
    public async Task<IReadOnlyList<RiskHistoryItem>> GetHistoryAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireViewerAsync(db, actor, conversation, cancellationToken);
        return await (from r in db.RiskAssessments.AsNoTracking()
                      where r.ConversationId == conversationId
                      join u in db.Users on r.ById equals u.Id into setters
                      from u in setters.DefaultIfEmpty()
                      orderby r.CreatedUtc, r.Id
                      select new RiskHistoryItem(r.Kind, r.Level, r.PreviousLevel, r.Reason, u == null ? AuditActor.SystemDisplayName : u.DisplayName, r.CreatedUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The one rule for lexicon suggestions: only on an open conversation, and only above both the
    /// assessed and the already-suggested level. Suggestions never lower anything.
    /// </summary>
    public static bool RaisesSuggestion(ConversationStatus status, RiskLevel risk, RiskLevel? suggested, RiskLevel level)
        => status != ConversationStatus.Closed && risk < level && (suggested is null || suggested < level);

    /// <summary>Reasons are stored up to <see cref="MaxReasonLength"/>; longer ones are cut with an ellipsis.</summary>
    internal static string TruncateReason(string text) => text.Length <= MaxReasonLength ? text : text[..(MaxReasonLength - 1)] + "…";
}
