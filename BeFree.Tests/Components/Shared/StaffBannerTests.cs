using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace BeFree.Tests.Components.Shared;

/// <summary>The pieces every signed-in page carries: the break toggle and the notes and check-ins from leads.</summary>
public sealed class StaffBannerTests : WorkspaceComponentTests
{
    private string _lead = "";
    private string _advocate = "";

    protected override async Task ArrangeAsync()
    {
        _lead = await Host.CreateLeadAsync("Lena Lead");
        _advocate = await Host.CreateAdvocateAsync("Ana");
    }

    [Fact]
    public async Task Taking_a_break_shows_away_on_the_board_and_another_tab_follows()
    {
        var presence = Host.Get<StaffPresenceRegistry>();
        using var screen = presence.Register(_advocate);
        var toggle = Render<AwayToggle>(p => p.Add(x => x.StaffId, _advocate));
        var otherTab = Render<AwayToggle>(p => p.Add(x => x.StaffId, _advocate));
        Assert.Equal("Take a break", toggle.Find("[data-testid=away-toggle]").TextContent.Trim());

        await toggle.Find("[data-testid=away-toggle]").ClickAsync(new MouseEventArgs());

        Assert.Equal(PresenceState.Away, presence.GetStatus(_advocate).State);
        Assert.Equal("true", toggle.Find("[data-testid=away-toggle]").GetAttribute("data-away"));
        Assert.Equal("Away: I'm back", toggle.Find("[data-testid=away-toggle]").TextContent.Trim());
        otherTab.WaitForAssertion(() => Assert.Equal("true", otherTab.Find("[data-testid=away-toggle]").GetAttribute("data-away")), Patience);

        await otherTab.Find("[data-testid=away-toggle]").ClickAsync(new MouseEventArgs());
        Assert.Equal(PresenceState.Online, presence.GetStatus(_advocate).State);
        toggle.WaitForAssertion(() => Assert.Equal("Take a break", toggle.Find("[data-testid=away-toggle]").TextContent.Trim()), Patience);
    }

    [Fact]
    public void Nobody_signed_in_gets_no_toggle()
        => Assert.Empty(Render<AwayToggle>(p => p.Add(x => x.StaffId, "")).FindAll("[data-testid=away-toggle]"));

    [Fact]
    public async Task A_note_from_a_lead_arrives_live_links_its_conversation_and_goes_once_read()
    {
        var notices = Host.Get<StaffNotices>();
        var banner = Render<StaffNoticeBanner>(p => p.Add(x => x.StaffId, _advocate));
        Assert.Empty(banner.FindAll("[data-testid=staff-notices]"));

        var conversation = await Host.CreateConversationAsync("help", assignedTo: _advocate);
        var noteId = await notices.SendAsync(_lead, _advocate, StaffNoticeKind.PrivateNote, "Ask whether she is safe to text.", conversation);
        await notices.SendAsync(_lead, _advocate, StaffNoticeKind.WellbeingNudge, "Take a break when you can.");

        banner.WaitForAssertion(() => Assert.Equal(2, banner.FindAll("[data-testid=staff-notice-text]").Count), Patience);
        var note = banner.Find($"[data-testid=staff-notice-{noteId}]");
        Assert.Contains("Note from Lena Lead:", note.TextContent);
        Assert.Equal($"/conversations/{conversation}", note.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Check-in from Lena Lead:", banner.Find("[data-testid=staff-notices]").TextContent);
        // The container is the polite live region; the notes themselves do not interrupt as alerts.
        Assert.Equal("status", banner.Find("[data-testid=staff-notices]").GetAttribute("role"));
        Assert.Empty(banner.FindAll("[data-testid=staff-notices] [role=alert]"));

        await banner.Find($"[data-testid=staff-notice-read-{noteId}]").ClickAsync(new MouseEventArgs());

        Assert.Empty(banner.FindAll($"[data-testid=staff-notice-{noteId}]"));
        Assert.Single(await notices.ListUnreadAsync(_advocate));
    }
}
