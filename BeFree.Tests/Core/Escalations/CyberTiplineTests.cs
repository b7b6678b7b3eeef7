using BeFree.Core.Escalations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Escalations;

public sealed class CyberTiplineTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private string _lead = null!;
    private int _conversation;
    private int _tipline;
    private EscalationService Escalations => _host.Get<EscalationService>();

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex");
        _lead = await _host.CreateLeadAsync("Lee");
        _conversation = await _host.CreateConversationAsync("My sister is 15 and a man online keeps asking her to meet.");
        await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation);
        await using var db = await _host.DbAsync();
        _tipline = await db.LawEnforcementContacts.Where(c => c.SeedKey == LawEnforcementDirectorySeed.CyberTiplineKey).Select(c => c.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private EscalationDraft Draft(CyberTiplineFacts? facts) => new(_tipline, EscalationReason.ExploitationOfMinor, EscalationUrgency.Urgent,
        "A man messages a 15-year-old asking to meet.", ReportBasis.MandatoryReportMinor, "Texter says her sister is 15", null, facts);

    private static readonly CyberTiplineFacts Complete = new(true, CyberTiplineCategory.OnlineEnticement, new DateTime(2026, 7, 14, 20, 30, 0),
        "A chat app, then a mall in Springfield", "Adult man, about 30, calls himself Jay", "jay_1996 on the chat app");

    [Fact]
    public void There_are_eight_categories_each_with_ncmec_wording()
    {
        Assert.Equal(8, CyberTipline.Categories.Count);
        Assert.Equal(8, CyberTipline.Categories.Select(CyberTipline.Describe).Distinct().Count());
        Assert.Equal("Unsolicited obscene material sent to a child", CyberTipline.Describe(CyberTiplineCategory.UnsolicitedObsceneMaterial));
    }

    [Fact]
    public async Task A_cybertipline_report_needs_a_minor_a_category_and_the_incident_date_before_it_is_submitted()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft(new CyberTiplineFacts(false)));

        var refused = await Assert.ThrowsAsync<EscalationRuleException>(() => Escalations.SubmitAsync(_advocate, id));
        Assert.Contains("minor is involved", refused.Message);
        Assert.Contains("CyberTipline category", refused.Message);
        Assert.Contains("date and time", refused.Message);

        await Escalations.UpdateDraftAsync(_advocate, id, Draft(Complete));
        await Escalations.SubmitAsync(_advocate, id);
        Assert.Equal(EscalationStatus.PendingApproval, (await Escalations.GetAsync(_advocate, id)).Status);
    }

    [Fact]
    public async Task The_two_person_rule_applies_and_the_packet_lays_out_the_report_in_the_forms_order()
    {
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft(Complete));
        await Escalations.SubmitAsync(_advocate, id);
        var secondLead = await _host.CreateLeadAsync("Morgan");
        await Escalations.ApproveAsync(secondLead, id);

        var view = await Escalations.GetAsync(_advocate, id);
        Assert.True(view.IsCyberTipline);
        Assert.Equal(CyberTiplineCategory.OnlineEnticement, view.CyberTipline.Category);

        var packet = await Escalations.GetPacketAsync(_lead, id);
        var section = Assert.Single(packet.Sections);
        Assert.Equal("CyberTipline report", section.Heading);
        Assert.Equal(
            ["Reporting category", "A minor is involved", "Incident date and time", "Where it happened", "People involved, as described",
             "Online identifiers (screen names, profiles, sites, numbers given)", "Description of the incident"],
            section.Fields.Select(f => f.Label));
        Assert.Equal("Online enticement of children for sexual acts", section.Fields[0].Value);
        Assert.Equal("2026-07-14 20:30 UTC", section.Fields[2].Value);
        Assert.Equal("jay_1996 on the chat app", section.Fields[5].Value);
        Assert.Equal("A man messages a 15-year-old asking to meet.", section.Fields[6].Value);
    }

    [Fact]
    public async Task The_lead_who_submitted_a_cybertipline_report_cannot_approve_it()
    {
        var id = await Escalations.CreateDraftAsync(_lead, _conversation, Draft(Complete));
        await Escalations.SubmitAsync(_lead, id);
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Escalations.ApproveAsync(_lead, id));
    }

    [Fact]
    public async Task Other_agencies_get_no_cybertipline_section_and_need_no_category()
    {
        var contact = await _host.Get<LawEnforcementDirectory>().CreateAsync(_lead, new LawEnforcementContactInput(
            "Lake County Sheriff", false, "IL", "Lake County", null, "847-555-0100", null, null, null));
        var id = await Escalations.CreateDraftAsync(_advocate, _conversation, Draft(new CyberTiplineFacts(true)) with { ContactId = contact });
        await Escalations.SubmitAsync(_advocate, id);

        Assert.False((await Escalations.GetAsync(_advocate, id)).IsCyberTipline);
        Assert.Empty((await Escalations.GetPacketAsync(_lead, id)).Sections);
    }
}
