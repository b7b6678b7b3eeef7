using System.Collections.Concurrent;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Live;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;

namespace BeFree.Tests.Core.Risk;

public sealed class RiskServiceTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private int _conversation;
    private readonly ConcurrentQueue<LeadAlert> _alerts = new();
    private LiveSubscription<LeadAlert> _subscription = null!;
    private RiskService Risk => _host.Get<RiskService>();

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex");
        _conversation = await _host.CreateConversationAsync("hello");
        await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation);
        _subscription = _host.Get<LeadAlerts>().Subscribe(a => { _alerts.Enqueue(a); return Task.CompletedTask; });
    }

    public async Task DisposeAsync()
    {
        _subscription.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Setting_risk_keeps_a_full_history_and_is_audited()
    {
        await Risk.SetRiskAsync(_advocate, _conversation, RiskLevel.Moderate, "works long hours, no pay");
        _host.Clock.Advance(TimeSpan.FromMinutes(3));
        await Risk.SetRiskAsync(_advocate, _conversation, RiskLevel.High, "employer holds her passport");
        await Risk.SetRiskAsync(_advocate, _conversation, RiskLevel.High, "double click");

        Assert.Equal(RiskLevel.High, (await _host.ConversationAsync(_conversation)).Risk);
        var history = await Risk.GetHistoryAsync(_advocate, _conversation);
        Assert.Equal([(RiskLevel.Unknown, RiskLevel.Moderate), (RiskLevel.Moderate, RiskLevel.High)],
            history.Select(h => (h.PreviousLevel, h.Level)));
        Assert.All(history, h => Assert.Equal("Alex", h.ByName));
        Assert.Equal("employer holds her passport", history[1].Reason);
        var audits = await _host.AuditAsync(AuditActions.RiskSet);
        Assert.Equal(2, audits.Count);
        Assert.StartsWith("from=Moderate; to=High; reason=", audits[1].Details);
        await _subscription.WhenIdleAsync();
        Assert.Empty(_alerts);
    }

    [Fact]
    public async Task A_reason_and_a_real_level_are_required()
    {
        await Assert.ThrowsAsync<ConversationActionException>(() => Risk.SetRiskAsync(_advocate, _conversation, RiskLevel.High, " "));
        await Assert.ThrowsAsync<ConversationActionException>(() => Risk.SetRiskAsync(_advocate, _conversation, RiskLevel.Unknown, "reset"));
        await Assert.ThrowsAsync<ConversationActionException>(() => Risk.SetRiskAsync(_advocate, _conversation, (RiskLevel)42, "odd"));
        Assert.Empty(await Risk.GetHistoryAsync(_advocate, _conversation));
    }

    [Fact]
    public async Task Imminent_alerts_the_shift_leads()
    {
        await Risk.SetRiskAsync(_advocate, _conversation, RiskLevel.Imminent, "trafficker is outside the door");

        await _subscription.WhenIdleAsync();
        var alert = Assert.Single(_alerts);
        Assert.Equal(LeadAlertKind.ImminentRisk, alert.Kind);
        Assert.Equal(_conversation, alert.ConversationId);
        Assert.Contains("Alex", alert.Message);
        Assert.DoesNotContain("outside the door", alert.Message);
        Assert.Contains(alert, _host.Get<LeadAlerts>().Recent);
    }

    private async Task<RiskLevel?> SuggestedAfterTextAsync(string body)
    {
        await _host.TextFromTexterAsync(_conversation, body);
        return (await _host.ConversationAsync(_conversation)).SuggestedRisk;
    }

    [Fact]
    public async Task A_text_raises_the_suggestion_which_never_goes_down()
    {
        Assert.Equal(RiskLevel.High, await SuggestedAfterTextAsync("the boss took my passport"));
        Assert.Equal(RiskLevel.High, await SuggestedAfterTextAsync("I feel like they don't pay us"));
        Assert.Equal(RiskLevel.High, await SuggestedAfterTextAsync("ok thanks"));

        var conversation = await _host.ConversationAsync(_conversation);
        Assert.Equal("matched 'took my passport'", conversation.SuggestedRiskReason);
        Assert.Equal(RiskLevel.Unknown, conversation.Risk);
        var raised = Assert.Single(await Risk.GetHistoryAsync(_advocate, _conversation));
        Assert.Equal((RiskAssessmentKind.SuggestionRaised, RiskLevel.High, "system"), (raised.Kind, raised.Level, raised.ByName));
        var audit = Assert.Single(await _host.AuditAsync(AuditActions.RiskSuggested));
        Assert.Null(audit.ActorId);
        Assert.DoesNotContain("passport", audit.Details);
        await _subscription.WhenIdleAsync();
        Assert.Empty(_alerts);

        Assert.Equal(RiskLevel.Imminent, await SuggestedAfterTextAsync("he has a gun"));
        await _subscription.WhenIdleAsync();
        Assert.Equal(LeadAlertKind.ImminentRiskSuggested, Assert.Single(_alerts).Kind);
    }

    [Fact]
    public async Task A_suggestion_at_or_below_the_assessed_risk_is_not_raised()
    {
        await Risk.SetRiskAsync(_advocate, _conversation, RiskLevel.High, "confirmed by texter");

        Assert.Null(await SuggestedAfterTextAsync("they took my passport"));
        Assert.DoesNotContain(await Risk.GetHistoryAsync(_advocate, _conversation), h => h.Kind == RiskAssessmentKind.SuggestionRaised);
    }

    [Fact]
    public async Task A_suggestion_raises_the_conversation_in_the_queue()
    {
        var waitingLonger = await _host.CreateConversationAsync("hi", queuedUtc: _host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-20));
        var fresh = await _host.CreateConversationAsync("they won't let me leave");
        await _host.TextFromTexterAsync(fresh, "they won't let me leave");

        var queue = await _host.Get<QueueService>().ListAsync(_advocate);

        Assert.Equal([fresh, waitingLonger], queue.Select(q => q.ConversationId));
        Assert.Equal("matched 'won't let me leave'", queue[0].SuggestedRiskReason);
    }

    [Fact]
    public async Task Confirming_takes_the_suggested_level_and_dismissing_keeps_the_risk_both_recorded()
    {
        await _host.TextFromTexterAsync(_conversation, "they took my passport");
        await Risk.ConfirmSuggestionAsync(_advocate, _conversation);
        await Risk.ConfirmSuggestionAsync(_advocate, _conversation); // repeated click

        var confirmed = await _host.ConversationAsync(_conversation);
        Assert.Equal(RiskLevel.High, confirmed.Risk);
        Assert.Null(confirmed.SuggestedRisk);

        await _host.TextFromTexterAsync(_conversation, "he is going to kill me");
        await Risk.DismissSuggestionAsync(_advocate, _conversation, "quoting a film");
        var dismissed = await _host.ConversationAsync(_conversation);
        Assert.Equal(RiskLevel.High, dismissed.Risk);
        Assert.Null(dismissed.SuggestedRisk);

        var history = await Risk.GetHistoryAsync(_advocate, _conversation);
        Assert.Equal([RiskAssessmentKind.SuggestionRaised, RiskAssessmentKind.SuggestionConfirmed, RiskAssessmentKind.SuggestionRaised, RiskAssessmentKind.SuggestionDismissed],
            history.Select(h => h.Kind));
        Assert.Equal("system", history[0].ByName);
        Assert.Single(await _host.AuditAsync(AuditActions.RiskSuggestionConfirmed));
        Assert.Contains("reason=quoting a film", Assert.Single(await _host.AuditAsync(AuditActions.RiskSuggestionDismissed)).Details);
    }

    [Fact]
    public async Task Another_advocate_cannot_read_the_history()
    {
        var other = await _host.CreateAdvocateAsync("Other");
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Risk.GetHistoryAsync(other, _conversation));
    }
}
