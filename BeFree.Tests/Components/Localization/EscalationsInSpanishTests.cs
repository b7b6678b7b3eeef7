using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Escalations;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Components.Localization;

/// <summary>
/// The escalation pages for a staff member who chose Spanish: the draft form (with the CyberTipline part), the list
/// and the lead's approval queue, kept in Spanish when a submission arrives live; the printed packet stays English.
/// </summary>
public sealed class EscalationsInSpanishTests : WorkspaceComponentTests
{
    private string _advocate = null!;
    private string _lead = null!;
    private int _advocateConversation;
    private int _leadConversation;
    private int _tipline;
    private int _police;

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Ana");
        _lead = await Host.CreateLeadAsync("Lupe");
        _advocateConversation = await Host.CreateConversationAsync("they keep my passport and make me work", assignedTo: _advocate);
        _leadConversation = await Host.CreateConversationAsync("a man sells my friend online", assignedTo: _lead);
        await using var db = await Host.DbAsync();
        _tipline = await db.LawEnforcementContacts.Where(c => c.SeedKey == LawEnforcementDirectorySeed.CyberTiplineKey).Select(c => c.Id).SingleAsync();
        _police = await db.LawEnforcementContacts.Where(c => c.IsActive && c.SeedKey != LawEnforcementDirectorySeed.CyberTiplineKey)
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    private Task<int> DraftAsync(string actor, int conversation, EscalationReason reason)
        => Host.Get<EscalationService>().CreateDraftAsync(actor, conversation,
            new EscalationDraft(_police, reason, EscalationUrgency.Urgent, "She cannot leave the farm.", ReportBasis.Consent, "She asked us to call."));

    private async Task<int> SubmittedAsync(string actor, int conversation, EscalationReason reason)
    {
        var id = await DraftAsync(actor, conversation, reason);
        await Host.Get<EscalationService>().SubmitAsync(actor, id);
        return id;
    }

    private static CurrentStaff Lead(string id) => new(id, "Lupe", new HashSet<string>([StaffRoles.ShiftLead, StaffRoles.Advocate]));

    [Fact]
    public async Task The_draft_form_and_its_CyberTipline_part_read_in_Spanish_with_NCMEC_categories_recognisable()
    {
        using var spanish = new CultureScope("es-US");
        var detail = await Host.Get<ConversationService>().GetDetailAsync(_advocate, _advocateConversation);
        var popovers = RenderPopovers();
        var form = Render<EscalationDraftForm>(p => p.Add(x => x.ActorId, _advocate).Add(x => x.Conversation, detail)
            .Add(x => x.OnSaved, (EscalationSaved _) => { }));

        var choose = form.WaitForElement($"[data-testid=escalation-contact-{_tipline}]", Patience);
        Assert.Equal("Elegir", choose.TextContent.Trim());
        await choose.ClickAsync(new MouseEventArgs());

        Assert.Equal("Nuevo escalamiento", form.Find("#escalation-form-heading").TextContent);
        Assert.Equal("Contacto", form.Find("[data-testid=escalation-contact-picker] legend").TextContent);
        Assert.Equal("Fundamento para reportar", form.Find("[data-testid=escalation-basis] legend").TextContent);
        Assert.Contains("La persona dio su consentimiento para este reporte", form.Find("[data-testid=escalation-basis]").TextContent);
        Assert.Contains("Obligatorio para la CyberTipline", form.Find("[data-testid=escalation-cybertipline]").TextContent);
        Assert.Contains("Fecha y hora del incidente", form.Find("[data-testid=escalation-cybertipline]").TextContent);
        Assert.StartsWith("Extracto de la transcripción (0 elegidos)", form.Find("[data-testid=escalation-excerpt] legend").TextContent);
        Assert.Equal("Guardar borrador", form.Find("[data-testid=save-draft]").TextContent.Trim());
        Assert.Equal("Enviar a aprobación", form.Find("[data-testid=submit-escalation]").TextContent.Trim());

        var reasons = await form.OptionTextsAsync<EscalationReason>(popovers, "escalation-reason");
        Assert.Equal(["Trata laboral", "Trata sexual", "Explotación de un menor", "Peligro inminente", "Otro"], reasons);
        var categories = await form.OptionTextsAsync<CyberTiplineCategory?>(popovers, "escalation-category");
        Assert.Equal(8, categories.Count);
        // Spanish first, then the name staff must find on NCMEC's English form.
        Assert.Contains("Trata sexual de menores (Child sex trafficking)", categories);
        Assert.DoesNotContain("Save draft", form.Markup);
        Assert.DoesNotContain("Basis for reporting", form.Markup);
    }

    [Fact]
    public async Task The_escalations_list_and_approval_queue_read_in_Spanish_and_stay_Spanish_when_a_submission_arrives()
    {
        var awaiting = await SubmittedAsync(_advocate, _advocateConversation, EscalationReason.LaborTrafficking);
        var mine = await DraftAsync(_lead, _leadConversation, EscalationReason.SexTrafficking);

        IRenderedComponent<EscalationsPage> page;
        using (new CultureScope("es-US"))
        {
            page = Render<EscalationsPage>(p => p.AddCascadingValue(Lead(_lead)));
            page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=awaiting-approval] [data-testid=escalation-row-{awaiting}]")), Patience);
        }

        Assert.Equal("Escalamientos", page.Find("h1").TextContent);
        Assert.Equal("Esperan su aprobación (1)", page.Find("#approval-heading").TextContent);
        var row = page.Find($"[data-testid=awaiting-approval] [data-testid=escalation-row-{awaiting}]");
        Assert.Contains("Trata laboral", row.TextContent);
        Assert.Contains("Urgente", row.TextContent);
        Assert.Equal("En espera de aprobación", page.Find($"[data-testid=awaiting-approval] [data-testid=escalation-status-{awaiting}]").TextContent.Trim());
        Assert.Equal("Aprobar", page.Find($"[data-testid=approve-{awaiting}]").TextContent.Trim());
        Assert.Equal("Devolver a borrador", page.Find($"[data-testid=return-{awaiting}]").TextContent.Trim());
        Assert.Equal(["#", "Agencia", "Estado", "Motivo", "Urgencia", "Iniciado por", "Actualizado", "Acciones"],
            page.FindAll("[data-testid=awaiting-approval] th").Select(th => th.TextContent).ToArray());
        Assert.Equal("Escalamientos de sus conversaciones", page.Find("[data-testid=my-escalations] h2").TextContent);
        var myRow = page.Find($"[data-testid=my-escalations-table] [data-testid=escalation-row-{mine}]");
        Assert.Contains("Trata sexual", myRow.TextContent);
        Assert.Contains("Borrador", myRow.TextContent);

        // Another advocate, working in English, submits: the alert is delivered on their thread, in their culture.
        var third = await Host.CreateConversationAsync("he took my papers", assignedTo: _advocate);
        int arrived;
        using (new CultureScope("en-US"))
        {
            arrived = await SubmittedAsync(_advocate, third, EscalationReason.ImminentDanger);
        }

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=awaiting-approval] [data-testid=escalation-row-{arrived}]")), Patience);
        Assert.Equal("Esperan su aprobación (2)", page.Find("#approval-heading").TextContent);
        Assert.Contains("Peligro inminente", page.Find($"[data-testid=escalation-row-{arrived}]").TextContent);
        Assert.DoesNotContain("Imminent danger", page.Markup);
        Assert.DoesNotContain("Awaiting", page.Markup);
    }

    [Fact]
    public async Task The_packet_for_the_agency_stays_in_English_for_a_Spanish_speaking_reader()
    {
        var id = await SubmittedAsync(_advocate, _advocateConversation, EscalationReason.LaborTrafficking);
        var packet = await Host.Get<EscalationService>().GetPacketAsync(_advocate, id);

        using var spanish = new CultureScope("es-US");
        var body = Render<PacketBody>(p => p.Add(x => x.Packet, packet));
        var print = Render<PrintButton>();

        var text = body.Find("[data-testid=escalation-packet]").TextContent;
        Assert.Contains("Labor trafficking", text);
        Assert.Contains("Mandatory report", EscalationText.Basis(ReportBasis.MandatoryReportMinor, EscalationText.Packet));
        Assert.Contains("Texter's consent", text);
        Assert.Contains("Draft started", text);
        Assert.Contains("Submitted for approval", text);
        Assert.Equal("Urgent", body.FindAll("dd").Single(dd => dd.PreviousElementSibling?.TextContent == "Urgency").TextContent);
        Assert.Equal("Awaiting approval", body.Find("[data-testid=escalation-status]").TextContent);
        Assert.DoesNotContain("Trata", text);
        Assert.DoesNotContain("Borrador", text);
        // The reader's own language is untouched after the packet asked for English labels.
        Assert.Equal("es-US", System.Globalization.CultureInfo.CurrentUICulture.Name);
        Assert.Equal("Imprimir", print.Find("[data-testid=print-packet]").TextContent.Trim());
    }
}
