using BeFree.Core.Conversations;
using BeFree.Core.Crm;
using BeFree.Core.Queue;
using BeFree.Core.Referrals;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Referrals;

public sealed class ReferralTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private string _lead = null!;
    private int _conversation;
    private int _shelter;
    private ReferralDirectory Directory => _host.Get<ReferralDirectory>();
    private ReferralSender Sender => _host.Get<ReferralSender>();

    private static SupportServiceInput Shelter => new("Safe Harbor Women's Shelter", "Maria", ServiceKind.Shelter, false, "tx", "Austin",
        ["en", "es"], "512-555-0142", "any time", "Takes families");

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Crm:Enabled"] = "false" });
        _advocate = await _host.CreateAdvocateAsync("Alex");
        _lead = await _host.CreateLeadAsync("Lee");
        _conversation = await _host.CreateConversationAsync("I need somewhere to stay tonight");
        await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation);
        _shelter = await Directory.CreateAsync(_lead, Shelter);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void The_wording_rule_finds_words_that_say_what_a_service_is()
    {
        Assert.Equal(["shelter"], NeutralWording.FindAlarmingWords("Call the Shelter at 555-0100"));
        Assert.Contains("immigration", NeutralWording.FindAlarmingWords("an IMMIGRATION lawyer"));
        Assert.Contains("lawyer", NeutralWording.FindAlarmingWords("an IMMIGRATION lawyer"));
        Assert.Empty(NeutralWording.FindAlarmingWords("You can call Maria at 512-555-0142 (any time)."));
        Assert.Empty(NeutralWording.FindAlarmingWords("sheltered from the rain"));
    }

    [Fact]
    public async Task Leads_and_admins_manage_the_directory_and_everyone_searches_it_by_state_and_language()
    {
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Directory.CreateAsync(_advocate, Shelter));
        var refused = await Assert.ThrowsAsync<ConversationActionException>(() => Directory.CreateAsync(_lead, Shelter with { NeutralName = "Legal Aid" }));
        Assert.Contains("legal", refused.Message);
        await Directory.CreateAsync(_lead, Shelter with { Name = "National Youth Line", NeutralName = "Sam", Kind = ServiceKind.Youth, IsNational = true,
            State = null, Languages = ["en"] });

        var spanishInTexas = await Directory.SearchAsync(_advocate, state: "TX", language: "es");
        Assert.Equal(["Safe Harbor Women's Shelter"], spanishInTexas.Select(s => s.Name));
        var englishInOhio = await Directory.SearchAsync(_advocate, state: "OH", language: "en");
        Assert.Equal(["National Youth Line"], englishInOhio.Select(s => s.Name));
        Assert.Contains(await _host.AuditAsync(ReferralAuditActions.ServiceCreated), a => a.SubjectId == _shelter.ToString());
    }

    [Fact]
    public async Task A_referral_goes_through_the_reply_path_and_is_recorded_audited_counted_and_sent_to_the_crm()
    {
        var service = (await Directory.SearchAsync(_advocate, state: "TX")).Single();

        var id = await Sender.SendAsync(_advocate, _conversation, _shelter, service.DefaultText);

        var (conversationId, body, sentBy, origin) = Assert.Single(_host.Outbound.Sent);
        Assert.Equal("You can call Maria at 512-555-0142 (any time).", body);
        Assert.Equal(MessageOrigin.Advocate, origin);
        var referral = Assert.Single(await Sender.ListForConversationAsync(_advocate, _conversation));
        Assert.Equal(id, referral.Id);
        Assert.Equal(ServiceKind.Shelter, referral.Kind);
        var audit = Assert.Single(await _host.AuditAsync(ReferralAuditActions.ReferralSent));
        Assert.DoesNotContain("512", audit.Details);
        var counts = await Sender.CountByKindAsync(_lead, DateTime.UtcNow.AddYears(-5), DateTime.UtcNow.AddYears(5));
        Assert.Equal([new ReferralCount(ServiceKind.Shelter, 1)], counts);
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Sender.CountByKindAsync(_advocate, DateTime.MinValue, DateTime.MaxValue));
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        var figures = await _host.Get<BeFree.Core.Reports.ReportService>().BuildAsync(_lead, new(now.AddDays(-1), now.AddDays(1)));
        Assert.Equal(1, figures.ReferralsByKind.Single(k => k.Label == "Shelter").Count);
        Assert.Equal(0, figures.ReferralsByKind.Where(k => k.Label != "Shelter").Sum(k => k.Count));
        await using var db = await _host.DbAsync();
        Assert.Equal(id, (await db.CrmEvents.SingleAsync(e => e.Type == CrmEventTypes.ReferralSent)).ReferralId);
    }

    [Fact]
    public async Task Alarming_words_or_the_organisations_name_are_refused_and_nothing_is_sent()
    {
        await Assert.ThrowsAsync<ConversationActionException>(() => Sender.SendAsync(_advocate, _conversation, _shelter, "Call the shelter: 512-555-0142"));
        await Assert.ThrowsAsync<ConversationActionException>(() => Sender.SendAsync(_advocate, _conversation, _shelter, "Call Safe Harbor Women's Shelter"));

        Assert.Empty(_host.Outbound.Sent);
    }

    [Fact]
    public async Task Every_safe_contact_rule_applies_and_only_the_holder_sends()
    {
        var other = await _host.CreateAdvocateAsync("Bo");
        await Assert.ThrowsAnyAsync<Exception>(() => Sender.SendAsync(other, _conversation, _shelter, "You can call Maria at 512-555-0142."));
        await _host.TextFromTexterAsync(_conversation, "STOP");

        await Assert.ThrowsAsync<ContactRefusedException>(() => Sender.SendAsync(_advocate, _conversation, _shelter, "You can call Maria at 512-555-0142."));

        Assert.DoesNotContain(_host.Outbound.Sent, s => s.Body.Contains("Maria"));
        await using var db = await _host.DbAsync();
        Assert.Equal(0, await db.Referrals.CountAsync());
    }
}
