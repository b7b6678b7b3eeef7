using System.Collections.Concurrent;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Live;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Core.Escalations;

public sealed class EscalationTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private string _lead = null!;
    private int _conversation;
    private int _contact;
    private long _messageId;
    private readonly ConcurrentQueue<LeadAlert> _alerts = new();
    private LiveSubscription<LeadAlert> _subscription = null!;
    private EscalationService Escalations => _host.Get<EscalationService>();

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex");
        _lead = await _host.CreateLeadAsync("Lee");
        _conversation = await _host.CreateConversationAsync("They took our passports. We are at the farm on Route 9.");
        await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation);
        _contact = await _host.Get<LawEnforcementDirectory>().CreateAsync(_lead, new LawEnforcementContactInput(
            "Lake County Sheriff", false, "il", "Lake County", "Det. Rivera", "847-555-0100", "tips@lakecounty.example", "847-555-0199", "Ask for the HT unit"));
        await using var db = await _host.DbAsync();
        _messageId = await db.Messages.Where(m => m.ConversationId == _conversation).Select(m => m.Id).SingleAsync();
        _subscription = _host.Get<LeadAlerts>().Subscribe(a => { _alerts.Enqueue(a); return Task.CompletedTask; });
    }

    public async Task DisposeAsync()
    {
        _subscription.Dispose();
        await _host.DisposeAsync();
    }

    private EscalationDraft Draft(ReportBasis basis = ReportBasis.Consent, string summary = "Two workers held at a farm; documents taken.")
        => new(_contact, EscalationReason.LaborTrafficking, EscalationUrgency.Urgent, summary, basis, "Texter agreed at 14:05", [_messageId]);

    private async Task<EscalationStatus> StatusAsync(int id) => (await Escalations.GetAsync(_advocate, id)).Status;

    [Fact]
    public async Task A_new_installation_has_the_national_lines_and_seeding_again_adds_nothing()
    {
        var national = await _host.Get<LawEnforcementDirectory>().SearchAsync(_advocate, state: "TX");

        Assert.Contains(national, c => c.Agency == "National Human Trafficking Hotline" && c.Phone == "1-888-373-7888" && c.IsNational);
        Assert.Contains(national, c => c.Agency == "NCMEC CyberTipline" && c.Phone == "1-800-843-5678" && c.Notes!.Contains("minor"));
        Assert.DoesNotContain(national, c => c.Agency == "Lake County Sheriff");

        await ActivatorUtilities.CreateInstance<LawEnforcementDirectorySeed>(_host.Services).StartAsync(CancellationToken.None);
        await using var db = await _host.DbAsync();
        Assert.Equal(2, await db.LawEnforcementContacts.CountAsync(c => c.SeedKey != null));
        Assert.Equal(2, (await _host.AuditAsync(AuditActions.LawContactSeeded)).Count);
    }

    [Fact]
    public async Task The_directory_is_searched_by_everyone_and_managed_by_leads_and_admins_only()
    {
        var directory = _host.Get<LawEnforcementDirectory>();
        var input = new LawEnforcementContactInput("Austin PD", false, "TX", "Austin", null, "512-555-0100", null, null, null);

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => directory.CreateAsync(_advocate, input));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => directory.SetActiveAsync(_advocate, _contact, false));
        var admin = await _host.CreateStaffAsync("Ada", [StaffRoles.Admin]);
        var austin = await directory.CreateAsync(admin, input);
        await Assert.ThrowsAsync<EscalationRuleException>(() => directory.CreateAsync(admin, input with { Phone = null }));
        await Assert.ThrowsAsync<EscalationRuleException>(() => directory.CreateAsync(admin, input with { State = null }));
        await Assert.ThrowsAsync<EscalationRuleException>(() => directory.CreateAsync(admin, input with { Email = "not an email" }));

        var illinois = await directory.SearchAsync(_advocate, state: "IL", includeNational: false);
        Assert.Equal("Lake County, IL", Assert.Single(illinois).Jurisdiction);
        Assert.Equal(austin, Assert.Single(await directory.SearchAsync(_advocate, state: "tx", countyOrCity: "aus", includeNational: false)).Id);

        await directory.SetActiveAsync(_lead, austin, false);
        Assert.Empty(await directory.SearchAsync(_advocate, state: "TX", includeNational: false));
        Assert.Single(await directory.SearchAsync(_lead, state: "TX", includeNational: false, includeInactive: true));
        Assert.Single(await _host.AuditAsync(AuditActions.LawContactDeactivated));
        Assert.All(await _host.AuditAsync(AuditActions.LawContactCreated), a => Assert.DoesNotContain("555", a.Details));
    }

    [Fact]
    public async Task The_full_path_needs_a_lead_to_approve_and_every_step_is_in_the_timeline_and_the_audit()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        await Escalations.SubmitAsync(_advocate, id);
        await _subscription.WhenIdleAsync();
        Assert.Equal(LeadAlertKind.EscalationAwaitingApproval, Assert.Single(_alerts).Kind);
        Assert.Equal(id, Assert.Single(await Escalations.ListAwaitingApprovalAsync(_lead)).Id);

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.ApproveAsync(_advocate, id));
        await Assert.ThrowsAsync<EscalationRuleException>(() => Escalations.MarkSentAsync(_advocate, id));
        await Escalations.ApproveAsync(_lead, id, "Go ahead, call the HT unit.");
        await Escalations.MarkSentAsync(_advocate, id, "Emailed the packet");
        await Escalations.AcknowledgeAsync(_advocate, id, "LC-2026-0415");

        var view = await Escalations.GetAsync(_advocate, id);
        Assert.Equal(EscalationStatus.Acknowledged, view.Status);
        Assert.Equal("Lee", view.ApprovedByName);
        Assert.False(view.SentWithoutApproval);
        Assert.Equal("LC-2026-0415", view.AgencyReference);
        Assert.Equal([EscalationEventKind.Created, EscalationEventKind.Submitted, EscalationEventKind.Approved, EscalationEventKind.Sent, EscalationEventKind.Acknowledged],
            view.Timeline.Select(t => t.Kind));
        Assert.Equal(["Alex", "Alex", "Lee", "Alex", "Alex"], view.Timeline.Select(t => t.ActorName));
        foreach (var action in new[] { AuditActions.EscalationCreated, AuditActions.EscalationSubmitted, AuditActions.EscalationApproved,
                     AuditActions.EscalationSent, AuditActions.EscalationAcknowledged })
        {
            var entry = Assert.Single(await _host.AuditAsync(action));
            Assert.Equal(id.ToString(), entry.SubjectId);
            Assert.DoesNotContain("passport", entry.Details ?? "");
        }
    }

    [Fact]
    public async Task Imminent_risk_lets_the_advocate_send_without_approval_and_alerts_the_leads()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft(ReportBasis.MandatoryReportImminentDanger));
        await Assert.ThrowsAsync<EscalationRuleException>(() => Escalations.MarkSentAsync(_advocate, id));
        await _host.Get<RiskService>().SetRiskAsync(_advocate, _conversation, RiskLevel.Imminent, "armed man at the door");
        await _subscription.WhenIdleAsync();
        _alerts.Clear();

        await Escalations.MarkSentAsync(_advocate, id);

        var view = await Escalations.GetAsync(_advocate, id);
        Assert.Equal(EscalationStatus.Sent, view.Status);
        Assert.True(view.SentWithoutApproval);
        Assert.Null(view.ApprovedByName);
        await _subscription.WhenIdleAsync();
        Assert.Equal(LeadAlertKind.EscalationSentWithoutApproval, Assert.Single(_alerts).Kind);
        Assert.Contains("approval=bypassed-imminent", Assert.Single(await _host.AuditAsync(AuditActions.EscalationSent)).Details);
    }

    [Fact]
    public async Task Repeated_clicks_change_nothing_more_and_invalid_steps_are_refused()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        await Escalations.SubmitAsync(_advocate, id);
        await Escalations.SubmitAsync(_advocate, id);
        await Assert.ThrowsAsync<EscalationRuleException>(() => Escalations.CreateDraftAsync(_advocate, _conversation, Draft()));
        await Assert.ThrowsAsync<EscalationRuleException>(() => Escalations.AcknowledgeAsync(_advocate, id));
        await Assert.ThrowsAsync<EscalationRuleException>(() => Escalations.UpdateDraftAsync(_advocate, id, Draft(summary: "changed")));
        await Escalations.ApproveAsync(_lead, id);
        await Escalations.ApproveAsync(_lead, id);
        await Escalations.MarkSentAsync(_advocate, id);
        await Assert.ThrowsAsync<EscalationRuleException>(() => Escalations.WithdrawAsync(_advocate, id, "changed my mind"));

        var view = await Escalations.GetAsync(_advocate, id);
        Assert.Equal([EscalationEventKind.Created, EscalationEventKind.Submitted, EscalationEventKind.Approved, EscalationEventKind.Sent],
            view.Timeline.Select(t => t.Kind));
        Assert.Single(await _host.AuditAsync(AuditActions.EscalationApproved));
    }

    [Fact]
    public async Task Each_step_tells_open_screens_of_the_conversation_once_and_a_repeated_click_tells_nobody()
    {
        var changes = new ConcurrentQueue<ConversationChange>();
        using var subscription = _host.Get<ConversationNotifier>().Subscribe(c => { changes.Enqueue(c); return Task.CompletedTask; });

        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        await Escalations.SubmitAsync(_advocate, id);
        await Escalations.ApproveAsync(_lead, id);
        await Escalations.ApproveAsync(_lead, id);
        await subscription.WhenIdleAsync();

        Assert.Equal([(_advocate, _conversation), (_advocate, _conversation), (_lead, _conversation)],
            changes.Where(c => c.Kind == ConversationChangeKind.EscalationChanged).Select(c => (c.StaffId, c.ConversationId)));
    }

    [Fact]
    public async Task Simultaneous_approvals_record_one_approval()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        await Escalations.SubmitAsync(_advocate, id);
        var otherLead = await _host.CreateLeadAsync("Lou");

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var approvals = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            await start.Task;
            await Escalations.ApproveAsync(i % 2 == 0 ? _lead : otherLead, id);
        })).ToList();
        start.SetResult();
        await Task.WhenAll(approvals);

        Assert.Equal(EscalationStatus.Approved, await StatusAsync(id));
        Assert.Single((await Escalations.GetAsync(_advocate, id)).Timeline, t => t.Kind == EscalationEventKind.Approved);
        Assert.Single(await _host.AuditAsync(AuditActions.EscalationApproved));
    }

    [Fact]
    public async Task A_lead_can_return_a_submission_to_draft_with_a_note_and_it_can_be_withdrawn()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        await Escalations.SubmitAsync(_advocate, id);
        await Assert.ThrowsAsync<EscalationRuleException>(() => Escalations.ReturnToDraftAsync(_lead, id, ""));
        await Escalations.ReturnToDraftAsync(_lead, id, "Add the farm's county.");
        await Escalations.UpdateDraftAsync(_advocate, id, Draft(summary: "Two workers at a farm in Lake County; documents taken."));
        await Escalations.WithdrawAsync(_advocate, id, "Texter withdrew consent");

        var view = await Escalations.GetAsync(_advocate, id);
        Assert.Equal(EscalationStatus.Withdrawn, view.Status);
        Assert.Equal("Add the farm's county.", view.Timeline.Single(t => t.Kind == EscalationEventKind.ReturnedToDraft).Note);
        Assert.StartsWith("Two workers at a farm in Lake County", view.Summary);
        // Withdrawn frees the contact for a new escalation.
        await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
    }

    [Fact]
    public async Task An_incomplete_draft_cannot_be_submitted()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft(ReportBasis.NotRecorded, summary: ""));

        var refused = await Assert.ThrowsAsync<EscalationRuleException>(() => Escalations.SubmitAsync(_advocate, id));

        Assert.Contains("a summary", refused.Message);
        Assert.Contains("consent or the mandatory-report exception", refused.Message);
        Assert.Equal(EscalationStatus.Draft, await StatusAsync(id));
    }

    [Fact]
    public async Task The_excerpt_only_takes_messages_from_the_conversation()
    {
        var other = await _host.CreateConversationAsync("someone else's words");
        await using var db = await _host.DbAsync();
        var foreign = await db.Messages.Where(m => m.ConversationId == other).Select(m => m.Id).SingleAsync();

        await Assert.ThrowsAsync<EscalationRuleException>(() =>
            Escalations.CreateDraftAsync(_advocate, _conversation, Draft() with { ExcerptMessageIds = [_messageId, foreign] }));
    }

    [Fact]
    public async Task Only_the_conversations_advocate_or_a_lead_works_on_its_escalations()
    {
        var other = await _host.CreateAdvocateAsync("Other");
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.CreateDraftAsync(other, _conversation, Draft()));
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.SubmitAsync(other, id));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.GetPacketAsync(other, id));
        await Escalations.SubmitAsync(_lead, id);
    }

    [Fact]
    public async Task The_packet_holds_the_contact_summary_chosen_excerpt_and_timeline_and_opening_it_is_audited()
    {
        await _host.Get<ReplyService>().SendReplyAsync(_advocate, _conversation, "Are you safe right now?");
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        await Escalations.SubmitAsync(_advocate, id);

        var packet = await Escalations.GetPacketAsync(_lead, id);

        Assert.Equal("Lake County Sheriff", packet.Escalation.Contact.Agency);
        Assert.Equal("847-555-0199", packet.Escalation.Contact.TwentyFourSevenPhone);
        Assert.Equal("Two workers held at a farm; documents taken.", packet.Escalation.Summary);
        var excerpt = Assert.Single(packet.Excerpt);
        Assert.Equal("They took our passports. We are at the farm on Route 9.", excerpt.Body);
        Assert.Equal(2, packet.Escalation.Timeline.Count);
        Assert.StartsWith("+1 •••", packet.MaskedNumber);
        Assert.Equal("Lee", packet.GeneratedByName);
        var audit = Assert.Single(await _host.AuditAsync(AuditActions.EscalationPacketViewed));
        Assert.Equal(_lead, audit.ActorId);
    }

    // ---- Two-person rule -------------------------------------------------------------------------

    [Fact]
    public async Task A_lead_who_drafted_an_escalation_cannot_approve_it_and_another_lead_can()
    {
        var id = await Escalations.CreateDraftAsync(_lead, _conversation, Draft());
        await Escalations.SubmitAsync(_advocate, id);

        var refused = await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.ApproveAsync(_lead, id));

        Assert.Equal("You drafted this escalation, so another shift lead must approve it.", refused.Message);
        Assert.Equal(EscalationStatus.PendingApproval, await StatusAsync(id));
        Assert.Empty(await _host.AuditAsync(AuditActions.EscalationApproved));
        var otherLead = await _host.CreateLeadAsync("Lou");
        await Escalations.ApproveAsync(otherLead, id);
        var view = await Escalations.GetAsync(_advocate, id);
        Assert.Equal(EscalationStatus.Approved, view.Status);
        Assert.Equal("Lou", view.ApprovedByName);
    }

    [Fact]
    public async Task A_lead_who_submitted_an_escalation_cannot_approve_it_and_another_lead_can()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        await Escalations.SubmitAsync(_lead, id);

        var refused = await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.ApproveAsync(_lead, id));

        Assert.Equal("You submitted this escalation for approval, so another shift lead must approve it.", refused.Message);
        Assert.Equal(EscalationStatus.PendingApproval, await StatusAsync(id));
        var otherLead = await _host.CreateLeadAsync("Lou");
        await Escalations.ApproveAsync(otherLead, id);
        Assert.Equal(EscalationStatus.Approved, await StatusAsync(id));
    }

    [Fact]
    public async Task A_lead_who_submitted_an_earlier_round_cannot_approve_a_later_one()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        await Escalations.SubmitAsync(_lead, id);
        var otherLead = await _host.CreateLeadAsync("Lou");
        await Escalations.ReturnToDraftAsync(otherLead, id, "Add the county.");
        await Escalations.SubmitAsync(_advocate, id);

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.ApproveAsync(_lead, id));
        await Escalations.ApproveAsync(otherLead, id);
        Assert.Equal(EscalationStatus.Approved, await StatusAsync(id));
    }

    [Fact]
    public async Task Imminent_risk_still_lets_whoever_drafted_and_submitted_it_send_at_once_and_alerts_the_leads()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft(ReportBasis.MandatoryReportImminentDanger));
        await Escalations.SubmitAsync(_advocate, id);
        await _host.Get<RiskService>().SetRiskAsync(_advocate, _conversation, RiskLevel.Imminent, "he is coming back with a gun");
        await _subscription.WhenIdleAsync();
        _alerts.Clear();

        await Escalations.MarkSentAsync(_advocate, id, "Called 911 and the HT unit");

        var view = await Escalations.GetAsync(_advocate, id);
        Assert.Equal(EscalationStatus.Sent, view.Status);
        Assert.True(view.SentWithoutApproval);
        await _subscription.WhenIdleAsync();
        var alert = Assert.Single(_alerts, LeadAlerts.IsShown);
        Assert.Equal(LeadAlertKind.EscalationSentWithoutApproval, alert.Kind);
        Assert.Equal(id, alert.EscalationId);
        // It no longer waits for approval: every lead's request banner for it goes.
        Assert.Equal(id, Assert.Single(_alerts, a => a.Kind == LeadAlertKind.EscalationDecided).EscalationId);
    }

    [Fact]
    public async Task A_decision_by_one_lead_settles_the_approval_request_on_every_leads_screen()
    {
        var otherLead = await _host.CreateLeadAsync("Second Lead");
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft(ReportBasis.MandatoryReportImminentDanger));
        await Escalations.SubmitAsync(_advocate, id);
        await _subscription.WhenIdleAsync();
        var leadAlerts = _host.Get<LeadAlerts>();
        Assert.Contains(leadAlerts.Open, a => a.Kind == LeadAlertKind.EscalationAwaitingApproval && a.EscalationId == id);

        await Escalations.ApproveAsync(otherLead, id);
        await _subscription.WhenIdleAsync();

        var decision = Assert.Single(_alerts, a => a.Kind == LeadAlertKind.EscalationDecided);
        Assert.Equal(id, decision.EscalationId);
        Assert.Contains("approved by Second Lead", decision.Message);
        var request = Assert.Single(_alerts, a => a.Kind == LeadAlertKind.EscalationAwaitingApproval);
        Assert.True(LeadAlerts.Settles(decision, request));
        Assert.DoesNotContain(leadAlerts.Open, a => a.EscalationId == id);
    }

    // ---- Current access to the conversation ----------------------------------------------------

    public enum LostBy { Release, Transfer, TakeOver }

    [Theory]
    [InlineData(LostBy.Release)]
    [InlineData(LostBy.Transfer)]
    [InlineData(LostBy.TakeOver)]
    public async Task An_advocate_who_loses_the_conversation_loses_its_escalations_packet_and_actions(LostBy lostBy)
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        var conversations = _host.Get<ConversationService>();
        var newHolder = lostBy switch
        {
            LostBy.Release => null,
            LostBy.Transfer => await _host.CreateAdvocateAsync("Tia"),
            _ => _lead,
        };
        switch (lostBy)
        {
            case LostBy.Release:
                await conversations.ReleaseAsync(_advocate, _conversation);
                break;
            case LostBy.Transfer:
                await conversations.TransferAsync(_advocate, _conversation, newHolder!, "She speaks Spanish.");
                break;
            case LostBy.TakeOver:
                await conversations.TakeOverAsync(_lead, _conversation, "Texter in danger, stepping in.");
                break;
        }

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.GetPacketAsync(_advocate, id));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.GetAsync(_advocate, id));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.UpdateDraftAsync(_advocate, id, Draft(summary: "changed")));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.SubmitAsync(_advocate, id));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.WithdrawAsync(_advocate, id, "no longer mine"));
        Assert.Empty(await _host.AuditAsync(AuditActions.EscalationPacketViewed));

        // Nothing changed, and whoever holds the conversation now (or a lead) carries on.
        var carriesOn = newHolder ?? _lead;
        var view = await Escalations.GetAsync(carriesOn, id);
        Assert.Equal(EscalationStatus.Draft, view.Status);
        Assert.Equal("Two workers held at a farm; documents taken.", view.Summary);
        await Escalations.SubmitAsync(carriesOn, id);
        Assert.Equal(EscalationStatus.PendingApproval, await StatusAsync(carriesOn, id));
    }

    [Fact]
    public async Task Leads_and_admins_keep_reading_the_packet_of_a_conversation_they_do_not_hold_and_it_is_audited()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft());
        var admin = await _host.CreateStaffAsync("Ada", [StaffRoles.Admin]);

        await Escalations.GetPacketAsync(_lead, id);
        await Escalations.GetPacketAsync(admin, id);

        var openings = await _host.AuditAsync(AuditActions.EscalationPacketViewed);
        Assert.Equal([_lead, admin], openings.OrderBy(a => a.Id).Select(a => a.ActorId));
    }

    private async Task<EscalationStatus> StatusAsync(string viewerId, int id) => (await Escalations.GetAsync(viewerId, id)).Status;
}
