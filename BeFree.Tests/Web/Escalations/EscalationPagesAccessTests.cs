using System.Net;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Staff;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Escalations;

/// <summary>Who may open the escalation, directory and canned-response pages, over HTTP as a browser would.</summary>
public sealed class EscalationPagesAccessTests : IClassFixture<SimulatedTwilioFactory>
{
    private const string Password = "amber-willow-signal-73";
    private readonly SimulatedTwilioFactory _factory;

    public EscalationPagesAccessTests(SimulatedTwilioFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/escalations")]
    [InlineData("/escalations/1")]
    [InlineData("/escalations/1/packet")]
    [InlineData("/conversations/1/escalate")]
    [InlineData("/directory")]
    [InlineData("/canned-responses")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_advocate_is_denied_canned_response_management()
    {
        var (_, client) = await AdvocateAsync("canned");
        var response = await client.GetAsync("/canned-responses");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Access denied", html);
        Assert.DoesNotContain("data-testid=\"new-canned\"", html);
        Assert.DoesNotContain("data-testid=\"canned-table\"", html);
    }

    [Fact]
    public async Task A_shift_lead_manages_canned_responses()
    {
        var adminId = await _factory.AdminIdAsync();
        var id = await _factory.Get<CannedResponses>().CreateAsync(adminId, new CannedResponseInput($"Check-in {Guid.NewGuid():N}", "Are you somewhere safe to text?"));
        var email = $"lead-{Guid.NewGuid():N}@befree.test";
        await StaffWebSession.CreateReadyAccountAsync(_factory, email, Password, StaffRoles.ShiftLead);
        var client = await StaffWebSession.SignInAsync(_factory, email, Password);

        var html = await client.GetStringAsync("/canned-responses");

        Assert.DoesNotContain("Access denied", html);
        Assert.Contains($"data-testid=\"canned-row-{id}\"", html);
        Assert.Contains("Are you somewhere safe to text?", html);
        Assert.Contains("data-testid=\"new-canned\"", html);
    }

    [Fact]
    public async Task An_advocate_searches_the_directory_but_cannot_manage_it()
    {
        var (_, client) = await AdvocateAsync("directory");
        var html = await client.GetStringAsync("/directory");

        Assert.DoesNotContain("Access denied", html);
        Assert.Contains("National Human Trafficking Hotline", html);
        Assert.Contains("data-testid=\"directory-row-", html);
        Assert.DoesNotContain("data-testid=\"new-contact\"", html);
        Assert.DoesNotContain("data-testid=\"directory-edit-", html);
    }

    [Fact]
    public async Task A_shift_lead_gets_the_directory_management_buttons()
    {
        var email = $"lead-dir-{Guid.NewGuid():N}@befree.test";
        await StaffWebSession.CreateReadyAccountAsync(_factory, email, Password, StaffRoles.ShiftLead);
        var client = await StaffWebSession.SignInAsync(_factory, email, Password);

        var html = await client.GetStringAsync("/directory");

        Assert.Contains("data-testid=\"new-contact\"", html);
        Assert.Contains("data-testid=\"directory-edit-", html);
        Assert.Contains("data-testid=\"directory-toggle-", html);
    }

    [Fact]
    public async Task An_advocate_sees_their_own_escalation_but_not_another_advocates()
    {
        var (ownerId, owner) = await AdvocateAsync("owner");
        var (_, other) = await AdvocateAsync("other");
        var (conversationId, messageId) = await ConversationHeldByAsync(ownerId, "They took my passport and I cannot leave the farm");
        var summary = $"Worker held on a farm {Guid.NewGuid():N}";
        var escalationId = await DraftAsync(ownerId, conversationId, summary, messageId);

        var mine = await owner.GetStringAsync($"/escalations/{escalationId}");
        Assert.Contains(summary, mine);
        Assert.Contains("data-testid=\"escalation-status\"", mine);
        Assert.Contains("data-testid=\"edit-draft\"", mine);

        var list = await owner.GetStringAsync("/escalations");
        Assert.Contains($"data-testid=\"escalation-row-{escalationId}\"", list);
        Assert.DoesNotContain("data-testid=\"approval-queue\"", list);

        var theirs = await other.GetStringAsync($"/escalations/{escalationId}");
        Assert.Contains("data-testid=\"escalation-load-error\"", theirs);
        Assert.Contains("You can read only the conversations assigned to you.", theirs);
        Assert.DoesNotContain(summary, theirs);

        var otherList = await other.GetStringAsync("/escalations");
        Assert.DoesNotContain($"data-testid=\"escalation-row-{escalationId}\"", otherList);

        var packetResponse = await other.GetAsync($"/escalations/{escalationId}/packet");
        Assert.Equal(HttpStatusCode.Forbidden, packetResponse.StatusCode);
        var packet = await packetResponse.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"packet-error\"", packet);
        Assert.DoesNotContain(summary, packet);
        Assert.DoesNotContain("They took my passport", packet);

        var form = await other.GetStringAsync($"/conversations/{conversationId}/escalate");
        Assert.Contains("data-testid=\"escalation-load-error\"", form);
        Assert.DoesNotContain("They took my passport", form);
    }

    [Fact]
    public async Task The_packet_shows_the_chosen_excerpt_and_each_opening_is_audited_once()
    {
        var (ownerId, owner) = await AdvocateAsync("packet");
        var (conversationId, messageId) = await ConversationHeldByAsync(ownerId, "My boss keeps us locked in at night");
        var summary = $"Locked in at night {Guid.NewGuid():N}";
        var escalationId = await DraftAsync(ownerId, conversationId, summary, messageId);

        var html = await owner.GetStringAsync($"/escalations/{escalationId}/packet");

        Assert.Contains("data-testid=\"escalation-packet\"", html);
        Assert.Contains(summary, html);
        Assert.Contains($"data-testid=\"packet-message-{messageId}\"", html);
        Assert.Contains("My boss keeps us locked in at night", html);
        Assert.Contains("National Human Trafficking Hotline", html);
        Assert.Contains("data-testid=\"print-packet\"", html);
        Assert.DoesNotContain("befree-nav", html);
        await using var db = await _factory.CreateDbContextAsync();
        var openings = await db.AuditEntries.CountAsync(a => a.Action == AuditActions.EscalationPacketViewed && a.SubjectId == escalationId.ToString());
        Assert.Equal(1, openings);
    }

    [Fact]
    public async Task An_advocate_who_released_the_conversation_is_refused_its_escalation_and_packet_and_nothing_leaks()
    {
        var (ownerId, owner) = await AdvocateAsync("released");
        var words = $"He locks the van at night {Guid.NewGuid():N}";
        var (conversationId, messageId) = await ConversationHeldByAsync(ownerId, words);
        var summary = $"Locked in a van {Guid.NewGuid():N}";
        var escalationId = await DraftAsync(ownerId, conversationId, summary, messageId);
        Assert.Contains(summary, await owner.GetStringAsync($"/escalations/{escalationId}/packet"));

        await _factory.Get<ConversationService>().ReleaseAsync(ownerId, conversationId);

        var packetResponse = await owner.GetAsync($"/escalations/{escalationId}/packet");
        Assert.Equal(HttpStatusCode.Forbidden, packetResponse.StatusCode);
        var packet = await packetResponse.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"packet-error\"", packet);
        Assert.DoesNotContain("data-testid=\"escalation-packet\"", packet);
        Assert.DoesNotContain(summary, packet);
        Assert.DoesNotContain(words, packet);
        Assert.DoesNotContain("National Human Trafficking Hotline", packet);

        var detail = await owner.GetStringAsync($"/escalations/{escalationId}");
        Assert.Contains("data-testid=\"escalation-load-error\"", detail);
        Assert.DoesNotContain(summary, detail);
        Assert.DoesNotContain(words, detail);

        await using var db = await _factory.CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.EscalationPacketViewed && a.SubjectId == escalationId.ToString()));
    }

    [Fact]
    public async Task The_escalate_page_lists_the_conversations_messages_for_the_excerpt()
    {
        var (ownerId, owner) = await AdvocateAsync("form");
        var (conversationId, messageId) = await ConversationHeldByAsync(ownerId, "I am 16 and they will not let me go home");

        var html = await owner.GetStringAsync($"/conversations/{conversationId}/escalate");

        Assert.DoesNotContain("escalation-load-error", html);
        Assert.Contains($"data-testid=\"escalation-excerpt-{messageId}\"", html);
        Assert.Contains("data-testid=\"escalation-summary\"", html);
        Assert.Contains("data-testid=\"save-draft\"", html);
        Assert.DoesNotContain("data-testid=\"send-now\"", html); // risk is not Imminent
    }

    [Fact]
    public async Task Send_now_is_offered_only_when_the_risk_is_Imminent()
    {
        var (ownerId, owner) = await AdvocateAsync("imminent");
        var (conversationId, messageId) = await ConversationHeldByAsync(ownerId, "He says he will hurt me tonight");
        var escalationId = await DraftAsync(ownerId, conversationId, "Threat of violence tonight", messageId);
        Assert.DoesNotContain("data-testid=\"send-now\"", await owner.GetStringAsync($"/escalations/{escalationId}"));

        await _factory.Get<RiskService>().SetRiskAsync(ownerId, conversationId, RiskLevel.Imminent, "Threat of violence tonight");

        var form = await owner.GetStringAsync($"/conversations/{conversationId}/escalate?escalation={escalationId}");
        Assert.Contains("data-testid=\"send-now\"", form);
        Assert.Contains("Send now (leads will be alerted)", form);
        Assert.Contains("data-testid=\"send-now\"", await owner.GetStringAsync($"/escalations/{escalationId}"));
    }

    [Fact]
    public async Task A_submitted_escalation_waits_in_the_shift_leads_list_and_not_in_an_admins()
    {
        var (ownerId, _) = await AdvocateAsync("submitter");
        var (conversationId, messageId) = await ConversationHeldByAsync(ownerId, "We work 18 hours and are not paid");
        var escalationId = await DraftAsync(ownerId, conversationId, "Unpaid 18-hour shifts", messageId);
        await _factory.Get<EscalationService>().SubmitAsync(ownerId, escalationId);
        var leadEmail = $"approver-{Guid.NewGuid():N}@befree.test";
        await StaffWebSession.CreateReadyAccountAsync(_factory, leadEmail, Password, StaffRoles.ShiftLead);
        var lead = await StaffWebSession.SignInAsync(_factory, leadEmail, Password);

        var leadList = await lead.GetStringAsync("/escalations");
        Assert.Contains("data-testid=\"approval-queue\"", leadList);
        Assert.Contains($"data-testid=\"approve-{escalationId}\"", leadList);
        Assert.Contains($"data-testid=\"return-{escalationId}\"", leadList);
        var leadDetail = await lead.GetStringAsync($"/escalations/{escalationId}");
        Assert.Contains($"data-testid=\"approve-{escalationId}\"", leadDetail);

        var admin = await StaffWebSession.SignInAsync(_factory, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        var adminList = await admin.GetStringAsync("/escalations");
        Assert.Contains("data-testid=\"approval-needs-lead\"", adminList);
        Assert.DoesNotContain($"data-testid=\"approve-{escalationId}\"", adminList);
    }

    private async Task<(string Id, HttpClient Client)> AdvocateAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@befree.test";
        var id = await StaffWebSession.CreateReadyAccountAsync(_factory, email, Password, StaffRoles.Advocate);
        return (id, await StaffWebSession.SignInAsync(_factory, email, Password));
    }

    /// <summary>A texter writes in over the signed webhook, then the advocate claims the conversation.</summary>
    private async Task<(int ConversationId, long MessageId)> ConversationHeldByAsync(string advocateId, string body)
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var response = await _factory.CreateClient().PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await _factory.CreateDbContextAsync();
        var message = await db.Messages.AsNoTracking().Where(m => m.Conversation.Texter.PhoneNumber == phone && m.Direction == MessageDirection.Inbound).SingleAsync();
        var claim = await _factory.Get<QueueService>().ClaimAsync(advocateId, message.ConversationId);
        Assert.True(claim.Succeeded, claim.Message);
        return (message.ConversationId, message.Id);
    }

    private async Task<int> DraftAsync(string advocateId, int conversationId, string summary, long messageId)
    {
        var contact = (await _factory.Get<LawEnforcementDirectory>().SearchAsync(advocateId, text: "National Human Trafficking Hotline")).First();
        return await _factory.Get<EscalationService>().CreateDraftAsync(advocateId, conversationId, new EscalationDraft(
            contact.Id, EscalationReason.LaborTrafficking, EscalationUrgency.Urgent, summary, ReportBasis.Consent, "Texter agreed", [messageId]));
    }
}
