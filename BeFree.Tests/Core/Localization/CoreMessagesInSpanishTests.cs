using System.Text.Json;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Tests.Components.Localization;
using BeFree.Tests.Core.Conversations;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Core.Localization;

/// <summary>
/// What Core says to a person reads in their language (the culture the workstation runs their actions in), while
/// what it stores stays English (decision 25).
/// </summary>
public sealed class CoreMessagesInSpanishTests : IAsyncLifetime
{
    private const string Phone = "+15552223344";
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private int _conversation;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex");
        _conversation = await _host.CreateConversationAsync("hola", Phone);
        await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_reply_refused_under_do_not_text_back_reads_in_Spanish_for_a_Spanish_reader_and_in_English_for_an_English_one()
    {
        await using (var db = await _host.DbAsync())
        {
            var texter = await db.Texters.SingleAsync(t => t.PhoneNumber == Phone);
            texter.DoNotTextBack = true;
            await db.SaveChangesAsync();
        }
        _host.Clock.Advance(TimeSpan.FromMinutes(11)); // past the 10-minute reply window after the texter's text
        var replies = _host.Get<ReplyService>();

        ContactRefusedException spanish;
        using (new CultureScope("es-US"))
        {
            spanish = await Assert.ThrowsAsync<ContactRefusedException>(() => replies.SendReplyAsync(_advocate, _conversation, "hola"));
        }
        ContactRefusedException english;
        using (new CultureScope("en-US"))
        {
            english = await Assert.ThrowsAsync<ContactRefusedException>(() => replies.SendReplyAsync(_advocate, _conversation, "hi"));
        }

        Assert.StartsWith("La persona pidió que no le devuelvan mensajes y no ha escrito desde ", spanish.Message);
        Assert.Contains("solo se puede responder dentro de los 10 minutos siguientes a su último mensaje.", spanish.Message);
        Assert.EndsWith("Un(a) líder de turno puede anularlo con un motivo que quedará registrado.", spanish.Message);
        Assert.StartsWith("The texter asked not to be texted back and has not written since ", english.Message);
        Assert.EndsWith("a reply is allowed only within 10 minutes of their latest text. A shift lead can override this with a recorded reason.", english.Message);
        // The audit trail names the rule, not a sentence in either language.
        var refusals = await _host.AuditAsync(AuditActions.ReplyRefused);
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, a => Assert.Equal("rules=DoNotTextBack", a.Details));
    }

    [Fact]
    public async Task A_lexicon_suggestion_in_the_risk_history_is_by_the_system_in_the_readers_language()
    {
        await _host.TextFromTexterAsync(_conversation, "mi patrón tiene mi pasaporte");
        var risk = _host.Get<RiskService>();

        IReadOnlyList<RiskHistoryItem> spanish;
        using (new CultureScope("es-US"))
        {
            spanish = await risk.GetHistoryAsync(_advocate, _conversation);
        }
        var english = await risk.GetHistoryAsync(_advocate, _conversation);

        Assert.Equal(RiskAssessmentKind.SuggestionRaised, Assert.Single(spanish).Kind);
        Assert.Equal("sistema", spanish[0].ByName);
        Assert.Equal("system", Assert.Single(english).ByName);
    }

    [Fact]
    public async Task Claiming_a_conversation_someone_else_holds_says_who_in_the_readers_language()
    {
        var other = await _host.CreateAdvocateAsync("Sam");
        var queue = _host.Get<QueueService>();

        ClaimResult spanish;
        using (new CultureScope("es-US"))
        {
            spanish = await queue.ClaimAsync(other, _conversation);
        }
        ClaimResult english;
        using (new CultureScope("en-US"))
        {
            english = await queue.ClaimAsync(other, _conversation);
        }

        Assert.Equal((ClaimOutcome.ClaimedByOther, "La reclamó Alex."), (spanish.Outcome, spanish.Message));
        Assert.Equal((ClaimOutcome.ClaimedByOther, "Claimed by Alex."), (english.Outcome, english.Message));
    }

    [Fact]
    public async Task A_missing_field_and_a_refused_action_name_the_field_and_the_action_in_Spanish()
    {
        var conversations = _host.Get<ConversationService>();
        var other = await _host.CreateAdvocateAsync("Sam");

        using var spanish = new CultureScope("es-US");
        var noSummary = await Assert.ThrowsAsync<ConversationActionException>(
            () => conversations.CloseAsync(_advocate, _conversation, conversations.Dispositions[0], "  "));
        var notTheirs = await Assert.ThrowsAsync<BeFree.Core.Staff.StaffAuthorizationException>(
            () => conversations.CloseAsync(other, _conversation, conversations.Dispositions[0], "Resumen"));

        Assert.Equal("Escriba un resumen.", noSummary.Message);
        Assert.Equal("Esta conversación está asignada a Alex. Solo esa persona (o un(a) líder de turno que tome el control) puede cerrarla.",
            notTheirs.Message);
    }

    [Fact]
    public void A_safe_hours_decision_reads_in_the_readers_language_and_stores_English()
    {
        var flags = new ContactFlags(false, false, new TimeOnly(9, 0), new TimeOnly(17, 0), "America/Chicago");
        var decision = ContactSafetyPolicy.Evaluate(flags, new DateTimeOffset(2026, 12, 3, 4, 30, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10));

        string spanish;
        using (new CultureScope("es-US"))
        {
            spanish = decision.Reason!;
            Assert.Equal("Held, not sent: the texter's safe-contact rules stop it now. It is 22:30 for the texter (America/Chicago); their safe hours are 09:00–17:00.",
                OutboundMessages.HeldByRulesReason(decision.EnglishReason));
        }

        Assert.Equal("Para la persona son las 22:30 (America/Chicago); su horario seguro es de 09:00 a 17:00.", spanish);
        using (new CultureScope("en-US"))
        {
            Assert.Equal("It is 22:30 for the texter (America/Chicago); their safe hours are 09:00–17:00.", decision.Reason);
        }
    }

    [Fact]
    public void A_lead_alert_reads_in_each_leads_language_and_keeps_English_for_the_log()
    {
        using var spanish = new CultureScope("es-US");
        var alert = LeadAlert.Worded(LeadAlertKind.ImminentRisk, 42, null, DateTime.UtcNow, "Alert_ImminentSet", "Alex", "42");

        Assert.Equal("Alex marcó la conversación n.º 42 con riesgo Inminente.", alert.Text);
        Assert.Equal("Alex set conversation #42 to Imminent risk.", alert.Message);
        // Other app servers get it over the live bus as JSON and word it for their own readers.
        var received = JsonSerializer.Deserialize<LeadAlert>(JsonSerializer.Serialize(alert))!;
        Assert.Equal("Alex marcó la conversación n.º 42 con riesgo Inminente.", received.Text);
        using (new CultureScope("en-US"))
        {
            Assert.Equal("Alex set conversation #42 to Imminent risk.", alert.Text);
        }
    }

    [Fact]
    public async Task Identitys_own_refusals_and_BeFrees_password_rules_read_in_the_readers_language()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();

        IdentityResult spanish;
        using (new CultureScope("es-US"))
        {
            spanish = await users.CreateAsync(new StaffUser { UserName = "corto@befree.test", Email = "corto@befree.test", DisplayName = "Corto" }, "qwertyuiop");
        }
        IdentityResult english;
        using (new CultureScope("en-US"))
        {
            english = await users.CreateAsync(new StaffUser { UserName = "short@befree.test", Email = "short@befree.test", DisplayName = "Short" }, "qwertyuiop");
        }

        Assert.Contains("Las contraseñas deben tener al menos 12 caracteres.", spanish.Errors.Select(e => e.Description));
        Assert.Contains(spanish.Errors, e => e.Code == "PasswordTooCommon" && e.Description.StartsWith("Esa contraseña es demasiado común", StringComparison.Ordinal));
        Assert.Contains("Passwords must be at least 12 characters.", english.Errors.Select(e => e.Description));
        Assert.Contains(english.Errors, e => e.Code == "PasswordTooShort");
    }
}
