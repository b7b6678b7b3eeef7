using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Retention;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using BeFree.Tests.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Retention;

/// <summary>
/// Retention with a 30-day policy and a clock the test sets: only conversations closed more than
/// 30 days ago lose their text; everything else about them stays.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 7, 15, 15, 0, 0, DateTimeKind.Utc);

    private WorkspaceHost _host = null!;
    private ReportDataSet _data = null!;
    private string _advocate = null!;

    public async Task InitializeAsync()
    {
        // The background loop is off: the test runs one pass at a time.
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Retention:Enabled"] = "false",
            ["Retention:EraseBodiesAfterDays"] = "30",
        });
        _host.Clock.SetUtcNow(Now);
        _advocate = await _host.CreateAdvocateAsync("Avery Advocate");
        _data = new ReportDataSet(_host, _advocate);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private RetentionService Retention => _host.Get<RetentionService>();

    /// <summary>Closed at <paramref name="closedUtc"/>, opened an hour earlier.</summary>
    private Task<int> ClosedAtAsync(DateTime closedUtc)
        => _data.ConversationAsync(closedUtc.AddHours(-1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), RiskLevel.High,
            "Substantive case", "texter referred to shelter");

    private async Task<List<Message>> MessagesAsync(int conversationId)
    {
        await using var db = await _host.DbAsync();
        return await db.Messages.AsNoTracking().Include(m => m.Media).Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task Erases_the_text_of_conversations_closed_more_than_the_policy_ago_and_nothing_else()
    {
        var old = await ClosedAtAsync(Now.AddDays(-30).AddSeconds(-1));
        await _data.AddMediaAsync(old, "https://api.twilio.com/media/ME1");
        var recent = await ClosedAtAsync(Now.AddDays(-30).AddSeconds(1));
        await _data.AddMediaAsync(recent, "https://api.twilio.com/media/ME2");
        var open = await _data.ConversationAsync(Now.AddDays(-90), TimeSpan.FromMinutes(1), null);
        var queued = await _data.ConversationAsync(Now.AddDays(-90), null, null);
        // Closed long ago, then the texter wrote again: reopened, so open and kept whole.
        var reopened = await ClosedAtAsync(Now.AddDays(-60));
        await using (var db = await _host.DbAsync())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == reopened);
            conversation.Status = ConversationStatus.Queued;
            conversation.ClosedUtc = null;
            conversation.IsReturning = true;
            await db.SaveChangesAsync();
        }

        var run = await Retention.RunOnceAsync();

        Assert.Equal(1, run.ConversationsAffected);
        Assert.Equal(4, run.MessagesErased);
        Assert.Equal(1, run.MediaErased);
        Assert.Equal(Now.AddDays(-30), run.CutoffUtc);
        Assert.Equal(Now, run.StartedUtc);

        var erased = await MessagesAsync(old);
        Assert.Equal(4, erased.Count);
        Assert.All(erased, m =>
        {
            Assert.Equal("", m.Body);
            Assert.Equal(Now, m.BodyErasedUtc);
            Assert.All(m.Media, media => Assert.Equal("", media.Url));
        });
        // Metadata stays: times, directions, statuses, media count.
        Assert.Equal(MessageDirection.Inbound, erased[0].Direction);
        Assert.Equal(1, erased[0].NumMedia);
        Assert.Equal("image/jpeg", Assert.Single(erased[0].Media).ContentType);
        var conversationAfter = await _host.ConversationAsync(old);
        Assert.Equal("Substantive case", conversationAfter.Disposition);
        Assert.Equal("texter referred to shelter", conversationAfter.Summary);
        Assert.Equal(RiskLevel.High, conversationAfter.Risk);

        foreach (var kept in new[] { recent, open, queued, reopened })
        {
            Assert.All(await MessagesAsync(kept), m =>
            {
                Assert.NotEqual("", m.Body);
                Assert.Null(m.BodyErasedUtc);
                Assert.All(m.Media, media => Assert.StartsWith("https://", media.Url));
            });
        }
    }

    [Fact]
    public async Task The_words_a_risk_suggestion_quoted_go_with_the_texts_and_the_levels_and_staff_reasons_stay()
    {
        var old = await ClosedAtAsync(Now.AddDays(-45));
        var recent = await ClosedAtAsync(Now.AddDays(-5));
        await using (var db = await _host.DbAsync())
        {
            foreach (var id in new[] { old, recent })
            {
                var conversation = await db.Conversations.SingleAsync(c => c.Id == id);
                conversation.SuggestedRisk = RiskLevel.Imminent;
                conversation.SuggestedRiskReason = "matched 'he has a gun'";
                db.RiskAssessments.Add(new RiskAssessment
                {
                    ConversationId = id,
                    Kind = RiskAssessmentKind.SuggestionRaised,
                    Level = RiskLevel.Imminent,
                    Reason = "matched 'he has a gun' (weapons)",
                    CreatedUtc = Now.AddDays(-50)
                });
                db.RiskAssessments.Add(new RiskAssessment
                {
                    ConversationId = id,
                    Kind = RiskAssessmentKind.Set,
                    Level = RiskLevel.High,
                    Reason = "Advocate judged high after talking",
                    ById = _advocate,
                    CreatedUtc = Now.AddDays(-50)
                });
            }
            await db.SaveChangesAsync();
        }

        await Retention.RunOnceAsync();

        await using var check = await _host.DbAsync();
        var erased = await check.Conversations.AsNoTracking().SingleAsync(c => c.Id == old);
        Assert.Equal(RiskLevel.Imminent, erased.SuggestedRisk);
        Assert.Equal(RetentionService.ErasedMatchReason, erased.SuggestedRiskReason);
        var erasedHistory = await check.RiskAssessments.AsNoTracking().Where(r => r.ConversationId == old).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([RetentionService.ErasedMatchReason, "Advocate judged high after talking"], erasedHistory.Select(r => r.Reason));
        Assert.Equal([RiskLevel.Imminent, RiskLevel.High], erasedHistory.Select(r => r.Level));

        var kept = await check.Conversations.AsNoTracking().SingleAsync(c => c.Id == recent);
        Assert.Equal("matched 'he has a gun'", kept.SuggestedRiskReason);
        Assert.Contains(await check.RiskAssessments.AsNoTracking().Where(r => r.ConversationId == recent).Select(r => r.Reason).ToListAsync(),
            r => r.Contains("he has a gun", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_run_is_recorded_and_audited_and_a_second_pass_erases_nothing_new()
    {
        await ClosedAtAsync(Now.AddDays(-45));
        var first = await Retention.RunOnceAsync();
        _host.Clock.Advance(TimeSpan.FromHours(6));
        var second = await Retention.RunOnceAsync();

        Assert.Equal(4, first.MessagesErased);
        Assert.Equal(0, second.MessagesErased);
        var audit = await _host.AuditAsync(AuditActions.RetentionRun);
        Assert.Equal(2, audit.Count);
        Assert.Null(audit[0].ActorId);
        Assert.Contains("messages=4", audit[0].Details);
        Assert.Contains("messages=0", audit[1].Details);

        var admin = await _host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        var status = await Retention.GetStatusAsync(admin);
        Assert.Equal(30, status.EraseBodiesAfterDays);
        Assert.False(status.Enabled);
        Assert.Equal([second.Id, first.Id], status.RecentRuns.Select(r => r.Id));
        Assert.Equal(Now.AddHours(6), status.RecentRuns[0].StartedUtc);
    }

    [Fact]
    public async Task The_clock_decides_when_a_conversation_becomes_due()
    {
        var closing = await ClosedAtAsync(Now.AddDays(-29));
        Assert.Equal(0, (await Retention.RunOnceAsync()).MessagesErased);

        _host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(4, (await Retention.RunOnceAsync()).MessagesErased);
        Assert.All(await MessagesAsync(closing), m => Assert.Equal("", m.Body));
    }

    [Fact]
    public async Task Only_admins_see_the_policy()
    {
        var lead = await _host.CreateLeadAsync("Lena Lead");
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Retention.GetStatusAsync(lead));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Retention.GetStatusAsync(_advocate));
    }
}
