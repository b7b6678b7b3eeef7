using System.Globalization;
using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Conversations;
using BeFree.Web.Components.Pages.Inbox;
using BeFree.Web.Components.Shared;
using Bunit;
using Bunit.TestDoubles;

namespace BeFree.Tests.Components.Localization;

/// <summary>
/// An advocate who chose Spanish works a whole conversation in Spanish: the thread, the reply box and every context
/// section of the inbox, with relative times in Spanish and absolute times in the one numeric form.
/// </summary>
public sealed class ConversationInSpanishTests : WorkspaceComponentTests
{
    private readonly BunitAuthorizationContext _authorization;
    private string _advocate = null!;
    private CurrentStaff _staff = CurrentStaff.Nobody;
    private int _conversation;

    public ConversationInSpanishTests() => _authorization = AddAuthorization();

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Ana");
        _authorization.SetAuthorized("Ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, _advocate));
        _staff = new CurrentStaff(_advocate, "Ana", new HashSet<string>([StaffRoles.Advocate]));
        _conversation = await Host.CreateConversationAsync("necesito ayuda", assignedTo: _advocate,
            queuedUtc: Host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-20));
        await Host.Outbound.EnqueueAsync(_conversation, "Estamos aquí. ¿Puede escribir con seguridad?", _advocate, MessageOrigin.Advocate);
        await Host.Get<ConversationService>().AddNoteAsync(_advocate, _conversation, "Primera vez que escribe");
        Host.Clock.Advance(TimeSpan.FromMinutes(5));
    }

    private IRenderedComponent<InboxPage> RenderInbox()
        => Render<InboxPage>(p => p.AddCascadingValue(_staff).Add(x => x.ConversationId, (int?)_conversation));

    private static string Text(IRenderedComponent<InboxPage> page, string testId) => page.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void The_open_conversation_its_reply_box_and_its_sections_read_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var page = RenderInbox();
        page.WaitForAssertion(() => Assert.Contains("necesito ayuda", page.Find("[data-testid=inbox-thread]").TextContent), Patience);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=conversation-context]")), Patience);

        var senders = page.FindAll("[data-testid=thread] .thread-sender").Select(s => s.TextContent).ToList();
        Assert.Equal(["Persona que escribe", "Ana"], senders);
        // Absolute times keep the one numeric form in every language (decision 24).
        Assert.All(page.FindAll("[data-testid=thread] time"), time => Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", time.TextContent));

        Assert.Equal("Asignada a usted", Text(page, "conversation-status"));
        Assert.Equal("Respuesta a la persona", page.Find(".reply-text label").TextContent.Trim());
        Assert.Equal("Enviar", Text(page, "reply-send"));
        Assert.Equal("0 caracteres · 0 segmentos SMS (GSM-7, quedan 160 en este)", Text(page, "segment-count"));

        Assert.StartsWith("Acciones", Text(page, "context-section-actions"));
        Assert.StartsWith("Riesgo: ", Text(page, "context-section-risk"));
        Assert.Contains("Notas internas (1)", Text(page, "context-section-notes"));
        Assert.Contains("Autoridades (0)", Text(page, "context-section-escalation"));
        Assert.Contains("Conversaciones anteriores (0)", Text(page, "context-section-history"));
        Assert.Contains("Idioma", Text(page, "context-section-language"));
        Assert.Equal("Devolver a la cola", Text(page, "release"));
        Assert.Equal("Establecer riesgo", Text(page, "risk-set"));

        Assert.DoesNotContain("Reply to the texter", page.Markup);
        Assert.DoesNotContain("Internal notes", page.Markup);
        Assert.DoesNotContain("Release to queue", page.Markup);
        Assert.DoesNotContain("SMS segment", page.Markup);
        Assert.DoesNotContain(" ago", page.Markup);
    }

    [Fact]
    public async Task A_note_says_when_it_was_written_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var detail = await Host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation);

        var notes = Render<NotesPanel>(p => p.Add(x => x.ActorId, _advocate).Add(x => x.Detail, detail));

        var note = Assert.Single(detail.Notes);
        Assert.Equal("hace 5 min", notes.Find($"[data-testid=note-{note.Id}] time").TextContent);
        Assert.Equal("Solo para uso interno: las notas nunca se envían a la persona.", notes.Find("[data-testid=notes-never-sent]").TextContent);
        Assert.Equal("Asignada a usted", ConversationWorkspace.StatusText(detail));
    }

    [Fact]
    public void My_conversations_lists_them_under_Spanish_headings_with_Spanish_relative_times()
    {
        using var spanish = new CultureScope("es-US");

        var page = Render<MyConversationsPage>(p => p.AddCascadingValue(_staff));

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=my-conversation-{_conversation}]")), Patience);
        Assert.Equal(["Número", "Último mensaje", "Cuándo", "Sin leer", "Marcas"], page.FindAll("th").Select(th => th.TextContent.Trim()));
        Assert.StartsWith("hace ", page.Find(".my-conversations time").TextContent);
        Assert.DoesNotContain(" ago", page.Markup);
    }

    [Theory]
    [InlineData("es-US", "Hola", "4 caracteres · 1 segmento SMS (GSM-7, quedan 156 en este)")]
    [InlineData("es-US", "a", "1 carácter · 1 segmento SMS (GSM-7, quedan 159 en este)")]
    [InlineData("en-US", "a", "1 character · 1 SMS segment (GSM-7, 159 left in this one)")]
    [InlineData("en-US", "Hola", "4 characters · 1 SMS segment (GSM-7, 156 left in this one)")]
    public async Task The_length_under_the_reply_says_one_and_many_in_each_language(string culture, string typed, string expected)
    {
        using var language = new CultureScope(culture);
        var box = await RenderPanelAsync<ReplyBox>(_advocate, _conversation);

        await box.Find("[data-testid=reply-text]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = typed });

        Assert.Equal(expected, box.Find("[data-testid=segment-count]").TextContent.Trim());
    }

    [Theory]
    [InlineData("es-US", "171 caracteres · 2 segmentos SMS (GSM-7, quedan 135 en este)")]
    [InlineData("en-US", "171 characters · 2 SMS segments (GSM-7, 135 left in this one)")]
    public async Task A_reply_over_one_text_counts_its_segments_in_the_plural(string culture, string expected)
    {
        using var language = new CultureScope(culture);
        var box = await RenderPanelAsync<ReplyBox>(_advocate, _conversation);

        await box.Find("[data-testid=reply-text]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = new string('a', 171) });

        Assert.Equal(expected, box.Find("[data-testid=segment-count]").TextContent.Trim());
    }

    [Fact]
    public void The_shared_pieces_speak_Spanish_too()
    {
        using var spanish = new CultureScope("es-US");

        Assert.Equal("Mensaje nuevo en la conversación 7. 2 conversaciones nuevas están en espera en la cola.",
            WorkstationAlerts.Announcement(2, [7]));
        Assert.Equal("Hay un mensaje nuevo en espera.", WorkstationAlerts.NotificationBody);
        Assert.StartsWith("Algo salió mal", ActionRunner.UnexpectedError);
        Assert.StartsWith("Algo salió mal", WorkspacePanelBase.UnexpectedError);
        Assert.Equal("Tomar un descanso", Render<AwayToggle>(p => p.Add(x => x.StaffId, _advocate)).Find("[data-testid=away-toggle]").TextContent.Trim());
        Assert.Equal("Acceso denegado", Render<AccessDeniedMessage>().Find("h1").TextContent);
    }

    [Fact]
    public async Task A_lead_alert_delivered_from_an_English_thread_still_reads_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var banner = Render<LeadAlertBanner>();
        var alerts = Host.Get<LeadAlerts>();
        var at = Host.Clock.GetUtcNow().UtcDateTime;

        // The publisher (another person's circuit, the ingest) runs in its own culture.
        await Task.Run(async () =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            await alerts.PublishAsync(new LeadAlert(LeadAlertKind.ImminentRisk, 12, null, "Ana set risk to Imminent on conversation #12.", at));
        });

        banner.WaitForAssertion(() => Assert.Single(banner.FindAll("[data-testid=lead-alert]")), Patience);
        Assert.Equal("Riesgo inminente", banner.Find("[data-testid=lead-alert] strong").TextContent);
        Assert.Equal("Abrir la conversación n.º 12", banner.Find("[data-testid=lead-alert-link-12]").TextContent.Trim());
        Assert.Equal("Descartar", banner.Find("[data-testid=lead-alert-dismiss]").TextContent.Trim());
    }

    [Fact]
    public async Task A_lead_alert_published_by_an_English_reader_reads_in_Spanish_to_a_Spanish_lead()
    {
        using var spanish = new CultureScope("es-US");
        var banner = Render<LeadAlertBanner>();
        var alerts = Host.Get<LeadAlerts>();
        var at = Host.Clock.GetUtcNow().UtcDateTime;

        await Task.Run(async () =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            await alerts.PublishAsync(LeadAlert.Worded(LeadAlertKind.ImminentRisk, 12, null, at, "Alert_ImminentSet", "Ana", "12"));
        });

        banner.WaitForAssertion(() => Assert.Single(banner.FindAll("[data-testid=lead-alert]")), Patience);
        Assert.Equal("Ana marcó la conversación n.º 12 con riesgo Inminente.", banner.Find(".lead-alert-message").TextContent);
    }
}
