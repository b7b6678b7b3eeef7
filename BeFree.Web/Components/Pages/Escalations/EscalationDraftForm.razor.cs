using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Escalations;

/// <summary>What the form tells the page after a step succeeded.</summary>
public sealed record EscalationSaved(int EscalationId, string Notice);

/// <summary>
/// The draft: contact, reason, urgency, summary, basis, excerpt. Saving before submitting or sending
/// means nothing typed is lost, and a refused step keeps every field as it was.
/// </summary>
public partial class EscalationDraftForm
{
    private enum BasisChoice { None, Consent, Exception }

    [Inject] public required EscalationService Escalations { get; set; }

    [Parameter, EditorRequired] public ConversationDetail Conversation { get; set; } = default!;

    /// <summary>The escalation being edited, or null for a new one. The page keys this form by its id.</summary>
    [Parameter] public EscalationView? Existing { get; set; }

    [Parameter] public EventCallback<EscalationSaved> OnSaved { get; set; }

    private bool initialized;
    private int? escalationId;
    private LawEnforcementContactView? contact;
    private EscalationReason reason = EscalationReason.LaborTrafficking;
    private EscalationUrgency urgency = EscalationUrgency.Routine;
    private string? summary = "";
    private BasisChoice basisChoice;
    private ReportBasis exceptionKind = ReportBasis.MandatoryReportMinor;
    private string? basisNote = "";
    private HashSet<long> excerpt = [];
    private bool involvesMinor;
    private CyberTiplineCategory? category;
    private DateTime? incidentUtc;
    private string? incidentLocation = "";
    private string? incidentPeople = "";
    private string? onlineIdentifiers = "";

    private bool Editable => Existing is null || Existing.Status == EscalationStatus.Draft;

    private RiskLevel Risk => Existing?.ConversationRisk ?? Conversation.Risk;

    private bool CanSendNow => Risk == RiskLevel.Imminent
        && (Existing is null || Existing.Status is EscalationStatus.Draft or EscalationStatus.PendingApproval);

    /// <summary>
    /// Fills the fields from <see cref="Existing"/> when the page switches to another escalation (or to a
    /// new one), but not when it merely reloads the one just saved: what is on screen is what was saved.
    /// </summary>
    protected override void OnParametersSet()
    {
        if (initialized && Existing?.Id == escalationId)
        {
            return;
        }
        initialized = true;
        Fill(Existing);
    }

    private void Fill(EscalationView? e)
    {
        escalationId = e?.Id;
        contact = e?.Contact;
        reason = e?.Reason ?? EscalationReason.LaborTrafficking;
        urgency = e?.Urgency ?? EscalationUrgency.Routine;
        summary = e?.Summary ?? "";
        basisChoice = BasisChoice.None;
        exceptionKind = ReportBasis.MandatoryReportMinor;
        basisNote = e?.BasisNote ?? "";
        excerpt = e?.ExcerptMessageIds.ToHashSet() ?? [];
        var facts = e?.CyberTipline ?? new CyberTiplineFacts(CyberTipline.SuggestsMinor(Conversation.SuggestedRiskReason));
        involvesMinor = facts.InvolvesMinor;
        category = facts.Category;
        incidentUtc = facts.IncidentUtc;
        incidentLocation = facts.Location ?? "";
        incidentPeople = facts.People ?? "";
        onlineIdentifiers = facts.OnlineIdentifiers ?? "";
        if (e is null)
        {
            return;
        }
        contact = e.Contact;
        reason = e.Reason;
        urgency = e.Urgency;
        summary = e.Summary;
        basisChoice = e.Basis switch
        {
            ReportBasis.Consent => BasisChoice.Consent,
            ReportBasis.MandatoryReportMinor or ReportBasis.MandatoryReportImminentDanger => BasisChoice.Exception,
            _ => BasisChoice.None,
        };
        if (basisChoice == BasisChoice.Exception)
        {
            exceptionKind = e.Basis;
        }
    }

    private void ChooseContact(LawEnforcementContactView chosen) => contact = chosen;

    private ReportBasis Basis => basisChoice switch
    {
        BasisChoice.Consent => ReportBasis.Consent,
        BasisChoice.Exception => exceptionKind,
        _ => ReportBasis.NotRecorded,
    };

    private Task SaveDraftAsync() => RunAsync(async () =>
    {
        var id = await SaveAsync();
        await OnSaved.InvokeAsync(new EscalationSaved(id, L["Notice_DraftSaved"]));
    });

    private Task SubmitAsync() => SaveThenAsync(
        id => Escalations.SubmitAsync(ActorId, id), L["Notice_Submitted"]);

    private Task SendNowAsync() => SaveThenAsync(
        id => Escalations.MarkSentAsync(ActorId, id), L["Notice_SentWithoutApproval"]);

    /// <summary>Saves the draft, then takes the step. If the step is refused the draft is still saved, and the page says so.</summary>
    private async Task SaveThenAsync(Func<int, Task> step, string notice)
    {
        var savedId = (int?)null;
        var done = await RunAsync(async () =>
        {
            savedId = Editable ? await SaveAsync() : escalationId!.Value;
            await step(savedId.Value);
            await OnSaved.InvokeAsync(new EscalationSaved(savedId.Value, notice));
        });
        if (!done && savedId is int id && Editable)
        {
            await OnSaved.InvokeAsync(new EscalationSaved(id, L["Notice_SavedButRefused"]));
        }
    }

    /// <summary>Creates the draft the first time, updates it afterwards. Returns its id.</summary>
    private async Task<int> SaveAsync()
    {
        var draft = new EscalationDraft(contact?.Id ?? 0, reason, urgency, summary ?? "", Basis,
            string.IsNullOrWhiteSpace(basisNote) ? null : basisNote, excerpt.ToList(),
            new CyberTiplineFacts(involvesMinor, category, incidentUtc,
                incidentLocation ?? "", incidentPeople ?? "", onlineIdentifiers ?? ""));
        if (escalationId is int id)
        {
            await Escalations.UpdateDraftAsync(ActorId, id, draft);
            return id;
        }
        escalationId = await Escalations.CreateDraftAsync(ActorId, Conversation.ConversationId, draft);
        return escalationId.Value;
    }
}
