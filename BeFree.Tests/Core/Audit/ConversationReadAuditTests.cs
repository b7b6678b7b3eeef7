using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Reports;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using BeFree.Tests.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Audit;

/// <summary>
/// Reading a conversation one does not hold leaves one audit entry per person, conversation and
/// screen within the read window, on every screen that shows it; its holder reads without a trace.
/// </summary>
public sealed class ConversationReadAuditTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _owner = null!;
    private string _lead = null!;
    private string _admin = null!;
    private int _conversation;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _owner = await _host.CreateAdvocateAsync("Olivia Owner");
        _lead = await _host.CreateLeadAsync("Lena Lead");
        _admin = await _host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        _conversation = await _host.CreateConversationAsync("they took my passport", assignedTo: _owner);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ConversationService Conversations => _host.Get<ConversationService>();
    private EscalationService Escalations => _host.Get<EscalationService>();

    private async Task<List<(string? Actor, string? Surface)>> ReadsAsync(int? conversationId = null)
    {
        var subject = (conversationId ?? _conversation).ToString();
        return (await _host.AuditAsync(AuditActions.ConversationRead))
            .Where(a => a.SubjectType == "conversation" && a.SubjectId == subject)
            .Select(a => (a.ActorId, a.Details)).ToList();
    }

    private static (string?, string?) Read(string actor, string surface) => (actor, $"surface={surface}");

    private async Task<int> EscalationAsync()
    {
        var contact = await _host.Get<LawEnforcementDirectory>().CreateAsync(_lead, new LawEnforcementContactInput(
            "Lake County Sheriff", false, "il", "Lake County", null, "847-555-0100", null, null, null));
        return await Escalations.CreateDraftAsync(_owner, _conversation,
            new EscalationDraft(contact, EscalationReason.LaborTrafficking, EscalationUrgency.Urgent, "Documents taken.", ReportBasis.Consent, null));
    }

    [Fact]
    public async Task The_holder_reads_on_every_screen_without_a_read_entry()
    {
        var escalation = await EscalationAsync();

        await Conversations.GetDetailAsync(_owner, _conversation);
        await Escalations.ListForConversationAsync(_owner, _conversation);
        await Escalations.GetAsync(_owner, escalation);
        await Escalations.GetPacketAsync(_owner, escalation);

        Assert.Empty(await ReadsAsync());
    }

    [Fact]
    public async Task A_lead_reading_the_conversation_page_is_recorded_once_however_often_it_reloads()
    {
        await Conversations.GetDetailAsync(_lead, _conversation);
        // Live updates reload the page (and the escalations beside it) again and again.
        for (var i = 0; i < 3; i++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(4));
            await Conversations.GetDetailAsync(_lead, _conversation);
            await Escalations.ListForConversationAsync(_lead, _conversation);
        }
        Assert.Equal([Read(_lead, "conversation")], await ReadsAsync());

        // Still reading once the window has passed: recorded again.
        _host.Clock.Advance(TimeSpan.FromMinutes(4));
        await Conversations.GetDetailAsync(_lead, _conversation);
        Assert.Equal([Read(_lead, "conversation"), Read(_lead, "conversation")], await ReadsAsync());
    }

    [Fact]
    public async Task Each_person_and_each_screen_has_its_own_entry()
    {
        var escalation = await EscalationAsync();

        await Conversations.GetDetailAsync(_admin, _conversation);
        await Conversations.GetDetailAsync(_lead, _conversation);
        await Conversations.MonitorAsync(_lead, _conversation);
        await Conversations.GetDetailAsync(_lead, _conversation, ConversationSurface.Monitor);
        await Escalations.GetAsync(_lead, escalation);
        await Escalations.GetPacketAsync(_lead, escalation);
        await _host.Get<TranscriptService>().GetAsync(_admin, _conversation);

        Assert.Equal(
            [Read(_admin, "conversation"), Read(_lead, "conversation"), Read(_lead, "monitor"),
             Read(_lead, "escalation"), Read(_lead, "packet"), Read(_admin, "transcript")],
            await ReadsAsync());
    }

    [Fact]
    public async Task Opening_an_attachment_of_someone_elses_conversation_is_recorded()
    {
        var message = await new ReportDataSet(_host, _owner).AddMediaAsync(_conversation, "https://api.twilio.com/media/ME1");
        var media = _host.Get<MessageMediaService>();

        // This host runs no Twilio account, so the file itself is not fetched; the read is recorded first.
        await Assert.ThrowsAsync<MediaUnavailableException>(() => media.OpenAsync(_owner, message, 0));
        await Assert.ThrowsAsync<MediaUnavailableException>(() => media.OpenAsync(_lead, message, 0));

        Assert.Equal([Read(_lead, "media")], await ReadsAsync());
    }

    [Fact]
    public async Task An_advocate_reading_a_texters_earlier_conversation_is_recorded()
    {
        var phone = (await _host.ConversationAsync(_conversation)).Texter.PhoneNumber;
        await using (var db = await _host.DbAsync())
        {
            await db.Conversations.Where(c => c.Id == _conversation).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.Status, ConversationStatus.Closed).SetProperty(c => c.ClosedUtc, _host.Clock.GetUtcNow().UtcDateTime));
        }
        var other = await _host.CreateAdvocateAsync("Otto Other");
        var newer = await _host.CreateConversationAsync("me again", phone: phone, assignedTo: other);

        await Conversations.GetDetailAsync(other, newer);
        await Conversations.GetDetailAsync(other, _conversation);
        // The earlier conversation's last holder still reads it as theirs.
        await Conversations.GetDetailAsync(_owner, _conversation);

        Assert.Empty(await ReadsAsync(newer));
        Assert.Equal([Read(other, "conversation")], await ReadsAsync());
    }

    [Fact]
    public async Task A_refused_reader_leaves_no_read_entry()
    {
        var stranger = await _host.CreateAdvocateAsync("Sam Stranger");

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Conversations.GetDetailAsync(stranger, _conversation));

        Assert.Empty(await ReadsAsync());
    }
}
