using BeFree.Core.Risk;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Shared;
using Bunit;

namespace BeFree.Tests.Components.Shared;

/// <summary>The lead's alert banner drops an approval request as soon as any lead decides it.</summary>
public sealed class LeadAlertBannerTests : WorkspaceComponentTests
{
    [Fact]
    public async Task An_approval_request_goes_away_when_another_lead_decides_it()
    {
        var alerts = Host.Get<LeadAlerts>();
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        var banner = Render<LeadAlertBanner>();
        Assert.Empty(banner.FindAll("[data-testid=lead-alert]"));

        await alerts.PublishAsync(new LeadAlert(LeadAlertKind.EscalationAwaitingApproval, 7, 41, "Alex asks for approval of escalation #41.", now));
        await alerts.PublishAsync(new LeadAlert(LeadAlertKind.EscalationAwaitingApproval, 8, 42, "Alex asks for approval of escalation #42.", now));
        banner.WaitForAssertion(() => Assert.Equal(2, banner.FindAll("[data-testid=lead-alert]").Count), Patience);

        await alerts.PublishAsync(new LeadAlert(LeadAlertKind.EscalationDecided, 7, 41, "Escalation #41 approved by Second Lead.", now));

        banner.WaitForAssertion(() => Assert.Contains("#42", Assert.Single(banner.FindAll("[data-testid=lead-alert]")).TextContent), Patience);
        Assert.DoesNotContain("approved by", banner.Markup);
        // A screen opened afterwards does not show the settled request either.
        var later = Render<LeadAlertBanner>();
        Assert.Contains("#42", Assert.Single(later.FindAll("[data-testid=lead-alert]")).TextContent);
    }

    [Fact]
    public async Task Imminent_risk_shows_as_an_error_with_its_time_and_a_named_link_and_a_lead_can_dismiss_it()
    {
        var alerts = Host.Get<LeadAlerts>();
        var banner = Render<LeadAlertBanner>();
        var at = new DateTime(2026, 7, 15, 15, 4, 0, DateTimeKind.Utc);

        await alerts.PublishAsync(new LeadAlert(LeadAlertKind.ImminentRisk, 12, null, "Ana set risk to Imminent on conversation #12.", at));

        banner.WaitForAssertion(() => Assert.Single(banner.FindAll("[data-testid=lead-alert]")), Patience);
        var alert = banner.Find("[data-testid=lead-alert]");
        Assert.Equal("alert", alert.GetAttribute("role"));
        Assert.Contains("mud-alert-filled-error", alert.ClassName);
        Assert.Contains("Imminent risk", alert.TextContent);
        Assert.Equal(Host.Get<BeFree.Core.Time.HotlineTime>().FormatTime(at), alert.QuerySelector("time")!.TextContent);
        Assert.Equal("/conversations/12", banner.Find("[data-testid=lead-alert-link-12]").GetAttribute("href"));
        Assert.Contains("conversation #12", banner.Find("[data-testid=lead-alert-dismiss]").GetAttribute("aria-label"));

        await banner.Find("[data-testid=lead-alert-dismiss]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        Assert.Empty(banner.FindAll("[data-testid=lead-alert]"));
    }
}
