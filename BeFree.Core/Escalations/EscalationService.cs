using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Escalations;

/// <summary>
/// Escalation to law enforcement: Draft → PendingApproval → Approved → Sent → Acknowledged, or
/// Withdrawn before it is sent. A shift lead approves, and never one who drafted or submitted it (two
/// people look at every report), unless the conversation's risk is Imminent: then its advocate may
/// send at once and the leads are alerted. Working on an escalation or reading it needs current
/// access to its conversation: whoever loses the conversation loses its escalations too. Every step is conditional on the
/// status it starts from (a repeated click changes nothing), recorded in the timeline and audited.
/// </summary>
public sealed class EscalationService(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    LeadAlerts leadAlerts,
    ConversationNotifier notifier,
    TimeProvider clock)
{
    public const int MaxSummaryLength = 4000;
    public const int MaxNoteLength = 1000;
    public const int MaxExcerptMessages = 50;

    public async Task<int> CreateDraftAsync(string actorId, int conversationId, EscalationDraft draft, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        var holdsIt = conversation.AssignedToId == actor.Id && conversation.Status != ConversationStatus.Queued;
        if (!holdsIt && !actor.IsInRole(StaffRoles.ShiftLead))
        {
            throw new StaffAuthorizationException(EscalationMessages.Get("StartNotAllowed"));
        }
        var contact = await RequireContactAsync(db, draft.ContactId, cancellationToken);
        var open = await db.Escalations.AsNoTracking()
            .Where(e => e.ConversationId == conversationId && e.ContactId == contact.Id
                && (e.Status == EscalationStatus.Draft || e.Status == EscalationStatus.PendingApproval || e.Status == EscalationStatus.Approved))
            .Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (open is { } existing)
        {
            // Also what a double click on "create" meets.
            throw new EscalationRuleException(EscalationMessages.Get("AlreadyOpen", existing, contact.Agency));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var escalation = new Escalation
        {
            ConversationId = conversationId,
            Status = EscalationStatus.Draft,
            CreatedById = actor.Id,
            CreatedUtc = now,
        };
        await ApplyDraftAsync(db, escalation, contact, draft, now, cancellationToken);
        escalation.Events.Add(NewEvent(actor, EscalationEventKind.Created, EscalationStatus.Draft, EscalationStatus.Draft, null, now));
        db.Escalations.Add(escalation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(ConversationAccess.Actor(actor), AuditActions.EscalationCreated, "escalation", escalation.Id.ToString(),
            $"conversation={conversationId}; contact={contact.Id}; reason={escalation.Reason}; urgency={escalation.Urgency}; minor={escalation.InvolvesMinor}; category={escalation.CyberTiplineCategory}", cancellationToken);
        await notifier.PublishAsync(new ConversationChange(conversationId, ConversationChangeKind.EscalationChanged, actor.Id));
        return escalation.Id;
    }

    public async Task UpdateDraftAsync(string actorId, int escalationId, EscalationDraft draft, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (actor, escalation, _) = await LoadForWorkAsync(db, actorId, escalationId, cancellationToken);
        if (escalation.Status != EscalationStatus.Draft)
        {
            throw new EscalationRuleException(EscalationMessages.Get("OnlyDraftEditable", State(escalation.Status)));
        }
        var contact = escalation.ContactId == draft.ContactId ? escalation.Contact : await RequireContactAsync(db, draft.ContactId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await ApplyDraftAsync(db, escalation, contact, draft, now, cancellationToken);
        await SaveStepAsync(db, actor, escalation, EscalationEventKind.Edited, EscalationStatus.Draft, null, now,
            AuditActions.EscalationUpdated, $"contact={contact.Id}; reason={escalation.Reason}; urgency={escalation.Urgency}; minor={escalation.InvolvesMinor}; category={escalation.CyberTiplineCategory}", cancellationToken);
    }

    /// <summary>Draft → PendingApproval. The leads are alerted.</summary>
    public async Task SubmitAsync(string actorId, int escalationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (actor, escalation, _) = await LoadForWorkAsync(db, actorId, escalationId, cancellationToken);
        if (escalation.Status == EscalationStatus.PendingApproval)
        {
            return;
        }
        RequireStatus(escalation, EscalationMessages.Get("ToBe_Submitted"), EscalationStatus.Draft);
        RequireComplete(escalation);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await SaveStepAsync(db, actor, escalation, EscalationEventKind.Submitted, EscalationStatus.PendingApproval, null, now,
                AuditActions.EscalationSubmitted, null, cancellationToken))
        {
            return;
        }
        await leadAlerts.PublishAsync(LeadAlert.Worded(LeadAlertKind.EscalationAwaitingApproval, escalation.ConversationId, escalation.Id, now,
            "Alert_AwaitingApproval", actor.DisplayName, escalation.Id.ToString(CultureInfo.InvariantCulture), escalation.Contact.Agency));
    }

    /// <summary>PendingApproval → Approved. Shift leads only, and not the lead who drafted it or submitted it.</summary>
    public async Task ApproveAsync(string actorId, int escalationId, string? note = null, CancellationToken cancellationToken = default)
    {
        var noteText = TypedText.Optional(note, EscalationMessages.Get("Field_Note"), MaxNoteLength, Fail);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.ShiftLead);
        var escalation = await LoadAsync(db, escalationId, cancellationToken);
        await RequireSecondPersonAsync(db, actor, escalation, cancellationToken);
        if (escalation.Status == EscalationStatus.Approved)
        {
            return;
        }
        RequireStatus(escalation, EscalationMessages.Get("ToBe_Approved"), EscalationStatus.PendingApproval);
        var now = clock.GetUtcNow().UtcDateTime;
        escalation.ApprovedById = actor.Id;
        escalation.ApprovedUtc = now;
        await SaveStepAsync(db, actor, escalation, EscalationEventKind.Approved, EscalationStatus.Approved, noteText, now,
            AuditActions.EscalationApproved, null, cancellationToken);
    }

    /// <summary>PendingApproval → Draft with a note saying what to change. Shift leads only.</summary>
    public async Task ReturnToDraftAsync(string actorId, int escalationId, string note, CancellationToken cancellationToken = default)
    {
        var noteText = TypedText.Require(note, EscalationMessages.Get("Field_ReturnNote"), MaxNoteLength, Fail);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.ShiftLead);
        var escalation = await LoadAsync(db, escalationId, cancellationToken);
        RequireStatus(escalation, EscalationMessages.Get("ToBe_Returned"), EscalationStatus.PendingApproval);
        await SaveStepAsync(db, actor, escalation, EscalationEventKind.ReturnedToDraft, EscalationStatus.Draft, noteText,
            clock.GetUtcNow().UtcDateTime, AuditActions.EscalationReturned, null, cancellationToken);
    }

    /// <summary>
    /// Records that the packet went to the agency. Approved → Sent; or, when the conversation's
    /// risk is Imminent, straight from Draft or PendingApproval (the leads are alerted).
    /// </summary>
    public async Task MarkSentAsync(string actorId, int escalationId, string? note = null, CancellationToken cancellationToken = default)
    {
        var noteText = TypedText.Optional(note, EscalationMessages.Get("Field_Note"), MaxNoteLength, Fail);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (actor, escalation, conversation) = await LoadForWorkAsync(db, actorId, escalationId, cancellationToken);
        if (escalation.Status == EscalationStatus.Sent)
        {
            return;
        }
        var withoutApproval = false;
        if (escalation.Status is EscalationStatus.Draft or EscalationStatus.PendingApproval)
        {
            if (conversation.Risk != RiskLevel.Imminent)
            {
                throw new EscalationRuleException(EscalationMessages.Get("NeedsApproval"));
            }
            withoutApproval = true;
        }
        else
        {
            RequireStatus(escalation, EscalationMessages.Get("ToBe_Sent"), EscalationStatus.Approved);
        }
        RequireComplete(escalation);
        var now = clock.GetUtcNow().UtcDateTime;
        escalation.SentById = actor.Id;
        escalation.SentUtc = now;
        escalation.SentWithoutApproval = withoutApproval;
        if (!await SaveStepAsync(db, actor, escalation, EscalationEventKind.Sent, EscalationStatus.Sent,
                withoutApproval ? Combine("Sent without approval: risk is Imminent.", noteText) : noteText, now,
                AuditActions.EscalationSent, withoutApproval ? "approval=bypassed-imminent" : "approval=approved", cancellationToken))
        {
            return;
        }
        if (withoutApproval)
        {
            await leadAlerts.PublishAsync(LeadAlert.Worded(LeadAlertKind.EscalationSentWithoutApproval, escalation.ConversationId, escalation.Id, now,
                "Alert_SentWithoutApproval", actor.DisplayName, escalation.Id.ToString(CultureInfo.InvariantCulture), escalation.Contact.Agency));
        }
    }

    /// <summary>Sent → Acknowledged, with the agency's reference if they gave one.</summary>
    public async Task AcknowledgeAsync(string actorId, int escalationId, string? agencyReference = null, CancellationToken cancellationToken = default)
    {
        var reference = TypedText.Optional(agencyReference, EscalationMessages.Get("Field_AgencyReference"), 100, Fail);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (actor, escalation, _) = await LoadForWorkAsync(db, actorId, escalationId, cancellationToken);
        if (escalation.Status == EscalationStatus.Acknowledged)
        {
            return;
        }
        RequireStatus(escalation, EscalationMessages.Get("ToBe_Acknowledged"), EscalationStatus.Sent);
        var now = clock.GetUtcNow().UtcDateTime;
        escalation.AcknowledgedUtc = now;
        escalation.AgencyReference = reference;
        await SaveStepAsync(db, actor, escalation, EscalationEventKind.Acknowledged, EscalationStatus.Acknowledged,
            reference is null ? null : $"Agency reference: {reference}", now, AuditActions.EscalationAcknowledged, null, cancellationToken);
    }

    /// <summary>Draft, PendingApproval or Approved → Withdrawn, with a reason. A sent escalation cannot be withdrawn.</summary>
    public async Task WithdrawAsync(string actorId, int escalationId, string reason, CancellationToken cancellationToken = default)
    {
        var reasonText = TypedText.Require(reason, EscalationMessages.Get("Field_WithdrawReason"), MaxNoteLength, Fail);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (actor, escalation, _) = await LoadForWorkAsync(db, actorId, escalationId, cancellationToken);
        if (escalation.Status == EscalationStatus.Withdrawn)
        {
            return;
        }
        RequireStatus(escalation, EscalationMessages.Get("ToBe_Withdrawn"), EscalationStatus.Draft, EscalationStatus.PendingApproval, EscalationStatus.Approved);
        var now = clock.GetUtcNow().UtcDateTime;
        escalation.WithdrawnUtc = now;
        await SaveStepAsync(db, actor, escalation, EscalationEventKind.Withdrawn, EscalationStatus.Withdrawn, reasonText, now,
            AuditActions.EscalationWithdrawn, $"reason={AuditText.Reason(reasonText)}", cancellationToken);
    }

    public async Task<EscalationView> GetAsync(string actorId, int escalationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (_, escalation, conversation) = await LoadForViewAsync(db, actorId, escalationId, ConversationSurface.Escalation, cancellationToken);
        return await ToViewAsync(db, escalation, conversation, cancellationToken);
    }

    public async Task<IReadOnlyList<EscalationListItem>> ListForConversationAsync(string actorId, int conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, conversationId, track: false, cancellationToken);
        await ConversationAccess.RequireReaderAsync(db, actor, conversation, ConversationSurface.Conversation, audit, cancellationToken);
        return await ListAsync(db, db.Escalations.Where(e => e.ConversationId == conversationId), cancellationToken);
    }

    /// <summary>The shift lead's approval list, oldest first.</summary>
    public async Task<IReadOnlyList<EscalationListItem>> ListAwaitingApprovalAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.ShiftLead);
        var items = await ListAsync(db, db.Escalations.Where(e => e.Status == EscalationStatus.PendingApproval), cancellationToken);
        return items.OrderByDescending(i => i.Urgency).ThenBy(i => i.UpdatedUtc).ToList();
    }

    /// <summary>Everything the printable packet shows. Opening it is audited.</summary>
    public async Task<EscalationPacket> GetPacketAsync(string actorId, int escalationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (actor, escalation, conversation) = await LoadForViewAsync(db, actorId, escalationId, ConversationSurface.Packet, cancellationToken);
        var view = await ToViewAsync(db, escalation, conversation, cancellationToken);
        var ids = escalation.Excerpt.Select(x => x.MessageId).ToList();
        var excerpt = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .OrderBy(m => m.CreatedUtc).ThenBy(m => m.Id)
            .Select(m => new PacketMessage(m.Id, m.Direction, m.CreatedUtc, m.Body))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await audit.WriteAsync(ConversationAccess.Actor(actor), AuditActions.EscalationPacketViewed, "escalation", escalation.Id.ToString(),
            $"conversation={conversation.Id}", cancellationToken);
        return new EscalationPacket(view, PhoneMasking.Mask(conversation.Texter.PhoneNumber), conversation.FromCity, conversation.FromState,
            conversation.Risk, excerpt, now, actor.DisplayName,
            IsCyberTipline(escalation) || escalation.CyberTiplineCategory is not null ? [CyberTipline.Section(FactsOf(escalation), escalation.Summary)] : []);
    }

    // ---- Helpers -------------------------------------------------------------------------------

    private static EscalationRuleException Fail(string message) => new(message);

    private static async Task<Escalation> LoadAsync(BeFreeDbContext db, int escalationId, CancellationToken cancellationToken)
        => await db.Escalations.Include(e => e.Contact).Include(e => e.Excerpt)
               .FirstOrDefaultAsync(e => e.Id == escalationId, cancellationToken)
           ?? throw new EscalationRuleException(EscalationMessages.Get("NotFound"));

    /// <summary>
    /// Whoever holds the conversation now, or a shift lead. Having drafted the escalation is not
    /// enough: an advocate whose conversation was released, transferred or taken over no longer
    /// acts on its escalations.
    /// </summary>
    private static async Task<(StaffMember Actor, Escalation Escalation, Conversation Conversation)> LoadForWorkAsync(
        BeFreeDbContext db, string actorId, int escalationId, CancellationToken cancellationToken)
    {
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var escalation = await LoadAsync(db, escalationId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, escalation.ConversationId, track: false, cancellationToken);
        var holdsIt = conversation.AssignedToId == actor.Id && conversation.Status != ConversationStatus.Queued;
        if (!holdsIt && !actor.IsInRole(StaffRoles.ShiftLead))
        {
            throw new StaffAuthorizationException(EscalationMessages.Get("NotHolder"));
        }
        return (actor, escalation, conversation);
    }

    /// <summary>Whoever may read the conversation now (<see cref="ConversationAccess.RequireViewerAsync"/>), author or not.</summary>
    private async Task<(StaffMember Actor, Escalation Escalation, Conversation Conversation)> LoadForViewAsync(
        BeFreeDbContext db, string actorId, int escalationId, ConversationSurface surface, CancellationToken cancellationToken)
    {
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var escalation = await LoadAsync(db, escalationId, cancellationToken);
        var conversation = await ConversationAccess.LoadAsync(db, escalation.ConversationId, track: false, cancellationToken);
        await ConversationAccess.RequireReaderAsync(db, actor, conversation, surface, audit, cancellationToken);
        return (actor, escalation, conversation);
    }

    /// <summary>
    /// The two-person rule: the approver is neither the escalation's author nor anyone who submitted
    /// it for approval (the timeline records every submission), shift leads included.
    /// </summary>
    private static async Task RequireSecondPersonAsync(BeFreeDbContext db, StaffMember actor, Escalation escalation, CancellationToken cancellationToken)
    {
        if (escalation.CreatedById == actor.Id)
        {
            throw new StaffAuthorizationException(EscalationMessages.Get("OwnDraft"));
        }
        var escalationId = escalation.Id;
        var actorKey = actor.Id;
        var submittedIt = await db.EscalationEvents.AsNoTracking().AnyAsync(e => e.EscalationId == escalationId
            && e.Kind == EscalationEventKind.Submitted && e.ActorId == actorKey, cancellationToken);
        if (submittedIt)
        {
            throw new StaffAuthorizationException(EscalationMessages.Get("OwnSubmission"));
        }
    }

    private static async Task<LawEnforcementContact> RequireContactAsync(BeFreeDbContext db, int contactId, CancellationToken cancellationToken)
    {
        var contact = await db.LawEnforcementContacts.FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken)
            ?? throw new EscalationRuleException(EscalationMessages.Get("ChooseContact"));
        if (!contact.IsActive)
        {
            throw new EscalationRuleException(EscalationMessages.Get("ContactInactive", contact.Agency));
        }
        return contact;
    }

    private static async Task ApplyDraftAsync(BeFreeDbContext db, Escalation escalation, LawEnforcementContact contact, EscalationDraft draft,
        DateTime now, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(draft.Reason) || !Enum.IsDefined(draft.Urgency) || !Enum.IsDefined(draft.Basis))
        {
            throw new EscalationRuleException(EscalationMessages.Get("ChooseLists"));
        }
        var summary = TypedText.Optional(draft.Summary, EscalationMessages.Get("Field_Summary"), MaxSummaryLength, Fail) ?? "";
        var basisNote = TypedText.Optional(draft.BasisNote, EscalationMessages.Get("Field_BasisNote"), MaxNoteLength, Fail);
        var ids = (draft.ExcerptMessageIds ?? []).Distinct().ToList();
        if (ids.Count > MaxExcerptMessages)
        {
            throw new EscalationRuleException(EscalationMessages.Get("TooManyExcerpts", MaxExcerptMessages));
        }
        var conversationId = escalation.ConversationId;
        var valid = await db.Messages.Where(m => m.ConversationId == conversationId && ids.Contains(m.Id)).CountAsync(cancellationToken);
        if (valid != ids.Count)
        {
            throw new EscalationRuleException(EscalationMessages.Get("ExcerptOtherConversation"));
        }

        escalation.Contact = contact;
        escalation.ContactId = contact.Id;
        escalation.Reason = draft.Reason;
        escalation.Urgency = draft.Urgency;
        escalation.Summary = summary;
        escalation.Basis = draft.Basis;
        escalation.BasisNote = basisNote;
        ApplyCyberTipline(escalation, draft.CyberTipline);
        escalation.UpdatedUtc = now;
        escalation.Excerpt.RemoveAll(x => !ids.Contains(x.MessageId));
        foreach (var id in ids.Where(id => escalation.Excerpt.All(x => x.MessageId != id)))
        {
            escalation.Excerpt.Add(new EscalationExcerptMessage { MessageId = id });
        }
    }

    private static void ApplyCyberTipline(Escalation escalation, CyberTiplineFacts? facts)
    {
        facts ??= new CyberTiplineFacts(CyberTipline.SuggestsMinor(escalation.Reason, escalation.Basis));
        if (facts.Category is { } category && !Enum.IsDefined(category))
        {
            throw new EscalationRuleException(EscalationMessages.Get("ChooseCategory"));
        }
        escalation.InvolvesMinor = facts.InvolvesMinor;
        escalation.CyberTiplineCategory = facts.Category;
        escalation.IncidentUtc = facts.IncidentUtc is { } when ? DateTime.SpecifyKind(when, DateTimeKind.Utc) : null;
        escalation.IncidentLocation = TypedText.Optional(facts.Location, EscalationMessages.Get("Field_Location"), CyberTipline.MaxFactLength, Fail);
        escalation.IncidentPeople = TypedText.Optional(facts.People, EscalationMessages.Get("Field_People"), CyberTipline.MaxFactLength, Fail);
        escalation.OnlineIdentifiers = TypedText.Optional(facts.OnlineIdentifiers, EscalationMessages.Get("Field_OnlineIdentifiers"), CyberTipline.MaxFactLength, Fail);
    }

    private static bool IsCyberTipline(Escalation escalation) => escalation.Contact.SeedKey == LawEnforcementDirectorySeed.CyberTiplineKey;

    private static CyberTiplineFacts FactsOf(Escalation e)
        => new(e.InvolvesMinor, e.CyberTiplineCategory, e.IncidentUtc, e.IncidentLocation, e.IncidentPeople, e.OnlineIdentifiers);

    /// <param name="toBe">The step, in the reader's language (a <c>ToBe_</c> key).</param>
    private static void RequireStatus(Escalation escalation, string toBe, params EscalationStatus[] allowed)
    {
        if (!allowed.Contains(escalation.Status))
        {
            throw new EscalationRuleException(EscalationMessages.Get("WrongStatus", State(escalation.Status), toBe));
        }
    }

    private static void RequireComplete(Escalation escalation)
    {
        var missing = new List<string>();
        if (!escalation.Contact.IsActive) missing.Add(EscalationMessages.Get("Missing_Contact"));
        if (string.IsNullOrWhiteSpace(escalation.Summary)) missing.Add(EscalationMessages.Get("Missing_Summary"));
        if (escalation.Basis == ReportBasis.NotRecorded) missing.Add(EscalationMessages.Get("Missing_Basis"));
        if (IsCyberTipline(escalation))
        {
            // The CyberTipline takes reports about children only, filed under one of its categories.
            if (!escalation.InvolvesMinor) missing.Add(EscalationMessages.Get("Missing_Minor"));
            if (escalation.CyberTiplineCategory is null) missing.Add(EscalationMessages.Get("Missing_Category"));
            if (escalation.IncidentUtc is null) missing.Add(EscalationMessages.Get("Missing_IncidentTime"));
        }
        if (missing.Count > 0)
        {
            throw new EscalationRuleException(EscalationMessages.Get("Missing", string.Join(", ", missing)));
        }
    }

    /// <summary>The status as a refusal names it, in the reader's language ("a draft", "borrador").</summary>
    private static string State(EscalationStatus status) => status switch
    {
        EscalationStatus.Draft => EscalationMessages.Get("State_Draft"),
        EscalationStatus.PendingApproval => EscalationMessages.Get("State_PendingApproval"),
        EscalationStatus.Approved => EscalationMessages.Get("State_Approved"),
        EscalationStatus.Sent => EscalationMessages.Get("State_Sent"),
        EscalationStatus.Acknowledged => EscalationMessages.Get("State_Acknowledged"),
        EscalationStatus.Withdrawn => EscalationMessages.Get("State_Withdrawn"),
        _ => status.ToString(),
    };

    /// <summary>The status in English, for the lead alerts every lead's screen shares.</summary>
    public static string Describe(EscalationStatus status) => status switch
    {
        EscalationStatus.Draft => "a draft",
        EscalationStatus.PendingApproval => "waiting for approval",
        EscalationStatus.Approved => "approved",
        EscalationStatus.Sent => "sent",
        EscalationStatus.Acknowledged => "acknowledged",
        EscalationStatus.Withdrawn => "withdrawn",
        _ => status.ToString(),
    };

    /// <summary>
    /// Saves a step: the status change is conditional on the status it was read with (a concurrency
    /// token), with its timeline event and audit entry in the same save. Returns false when a
    /// simultaneous request already made the same step (nothing more to do).
    /// </summary>
    private async Task<bool> SaveStepAsync(BeFreeDbContext db, StaffMember actor, Escalation escalation, EscalationEventKind kind,
        EscalationStatus to, string? note, DateTime now, string auditAction, string? auditDetails, CancellationToken cancellationToken)
    {
        var from = escalation.Status;
        escalation.Status = to;
        escalation.UpdatedUtc = now;
        escalation.Events.Add(NewEvent(actor, kind, from, to, note, now));
        audit.Add(db, ConversationAccess.Actor(actor), auditAction, "escalation", escalation.Id.ToString(),
            Combine($"from={from}; to={to}", auditDetails));
        if (CrmEventFor(kind) is { } crmEvent)
        {
            // The CRM hears of it from the outbox, committed with the step itself.
            BeFree.Core.Crm.CrmOutbox.Add(db, crmEvent, escalation.ConversationId, now, escalationId: escalation.Id);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now2 = await fresh.Escalations.AsNoTracking().Where(e => e.Id == escalation.Id).Select(e => e.Status).FirstAsync(cancellationToken);
            if (now2 == to && from != to)
            {
                return false;
            }
            throw new EscalationRuleException(EscalationMessages.Get("ChangedMeanwhile", State(now2)));
        }
        // Open screens of this conversation's escalations (the advocate waiting for approval) follow.
        await notifier.PublishAsync(new ConversationChange(escalation.ConversationId, ConversationChangeKind.EscalationChanged, actor.Id));
        if (from == EscalationStatus.PendingApproval && to != EscalationStatus.PendingApproval)
        {
            // Every lead's "awaiting your approval" banner for it goes away, not only the deciding lead's.
            await leadAlerts.PublishAsync(new LeadAlert(LeadAlertKind.EscalationDecided, escalation.ConversationId, escalation.Id,
                $"Escalation #{escalation.Id} {(to == EscalationStatus.Draft ? "returned to draft" : Describe(to))} by {actor.DisplayName}.", now));
        }
        return true;
    }

    private static string? CrmEventFor(EscalationEventKind kind) => kind switch
    {
        EscalationEventKind.Approved => BeFree.Core.Crm.CrmEventTypes.EscalationApproved,
        EscalationEventKind.Sent => BeFree.Core.Crm.CrmEventTypes.EscalationSent,
        EscalationEventKind.Acknowledged => BeFree.Core.Crm.CrmEventTypes.EscalationAcknowledged,
        _ => null,
    };

    private static EscalationEvent NewEvent(StaffMember actor, EscalationEventKind kind, EscalationStatus from, EscalationStatus to, string? note, DateTime now) => new()
    {
        Kind = kind,
        FromStatus = from,
        ToStatus = to,
        ActorId = actor.Id,
        ActorName = actor.DisplayName,
        OccurredUtc = now,
        Note = note,
    };

    private static string? Combine(string? first, string? second)
        => string.IsNullOrEmpty(first) ? second : string.IsNullOrEmpty(second) ? first : $"{first}; {second}";

    private static async Task<IReadOnlyList<EscalationListItem>> ListAsync(BeFreeDbContext db, IQueryable<Escalation> escalations, CancellationToken cancellationToken)
        => await (from e in escalations.AsNoTracking()
                  join u in db.Users on e.CreatedById equals u.Id
                  orderby e.UpdatedUtc descending
                  select new EscalationListItem(e.Id, e.ConversationId, e.Contact.Agency, e.Status, e.Reason, e.Urgency, u.DisplayName, e.UpdatedUtc))
            .ToListAsync(cancellationToken);

    private static async Task<EscalationView> ToViewAsync(BeFreeDbContext db, Escalation escalation, Conversation conversation, CancellationToken cancellationToken)
    {
        var staffIds = new[] { escalation.CreatedById, escalation.ApprovedById }.OfType<string>().ToList();
        var names = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var events = await db.EscalationEvents.AsNoTracking()
            .Where(x => x.EscalationId == escalation.Id)
            .OrderBy(x => x.OccurredUtc).ThenBy(x => x.Id)
            .Select(x => new EscalationEventView(x.Kind, x.FromStatus, x.ToStatus, x.ActorName, x.OccurredUtc, x.Note))
            .ToListAsync(cancellationToken);
        return new EscalationView(escalation.Id, escalation.ConversationId, LawEnforcementContactView.From(escalation.Contact),
            escalation.Reason, escalation.Urgency, escalation.Summary, escalation.Basis, escalation.BasisNote, escalation.Status,
            names.GetValueOrDefault(escalation.CreatedById, "former staff"), escalation.CreatedUtc, escalation.UpdatedUtc,
            escalation.ApprovedById is null ? null : names.GetValueOrDefault(escalation.ApprovedById, "former staff"), escalation.ApprovedUtc,
            escalation.SentUtc, escalation.SentWithoutApproval, escalation.AcknowledgedUtc, escalation.AgencyReference,
            escalation.Excerpt.Select(x => x.MessageId).Order().ToList(), events, conversation.Risk, FactsOf(escalation), IsCyberTipline(escalation));
    }
}
