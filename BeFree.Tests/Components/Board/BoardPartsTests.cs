using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Board;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace BeFree.Tests.Components.Board;

/// <summary>The live board's pieces on their own: tiles, lists, advocate cards, the action panel and approvals.</summary>
public sealed class BoardPartsTests : MudComponentTests
{
    private BoardSnapshot Snapshot(int waiting = 0, int pastTarget = 0, DateTime? oldest = null, IReadOnlyList<EscalationListItem>? approvals = null)
        => new(Now, TimeSpan.FromMinutes(5), waiting, oldest, pastTarget,
            new Dictionary<RiskLevel, int> { [RiskLevel.Imminent] = 1, [RiskLevel.High] = 0, [RiskLevel.Low] = 2 },
            [], [], CanApproveEscalations: true, approvals ?? []);

    [Fact]
    public void Tiles_count_the_floor_and_say_in_words_what_is_past_the_target()
    {
        var summary = Render<BoardSummary>(p => p.Add(x => x.Now, Now).Add(x => x.Snapshot, Snapshot(waiting: 3, pastTarget: 1, oldest: Now.AddMinutes(-7).AddSeconds(-30),
            approvals: [new EscalationListItem(41, 7, "Agency", EscalationStatus.PendingApproval, EscalationReason.LaborTrafficking, EscalationUrgency.Urgent, "Ana", Now)])));

        Assert.Equal("3", summary.Find("[data-testid=board-waiting]").TextContent);
        Assert.Equal("7 min 30 s", summary.Find("[data-testid=board-longest-wait]").TextContent);
        var pastTarget = summary.Find("[data-testid=board-past-target-tile]");
        Assert.Contains("befree-stat-alert", pastTarget.ClassName);
        Assert.Contains("past the 5-minute target", pastTarget.TextContent);
        Assert.Equal("1", summary.Find("[data-testid=board-past-target]").TextContent);
        // Only levels with open conversations get a tile, labelled in words.
        Assert.Contains("Imminent", summary.Find("[data-testid=board-risk-tile-Imminent]").TextContent);
        Assert.Contains("Low", summary.Find("[data-testid=board-risk-tile-Low]").TextContent);
        Assert.Equal("2", summary.Find("[data-testid=board-risk-Low]").TextContent);
        Assert.Empty(summary.FindAll("[data-testid=board-risk-tile-High]"));
        Assert.Equal("1", summary.Find("[data-testid=board-awaiting-approval]").TextContent);
        Assert.Contains(summary.FindAll(".befree-stat-label"), label => label.TextContent == "escalation to approve");

        summary.Render(p => p.Add(x => x.Snapshot, Snapshot()));
        Assert.Equal("–", summary.Find("[data-testid=board-longest-wait]").TextContent);
        Assert.DoesNotContain("befree-stat-alert", summary.Find("[data-testid=board-past-target-tile]").ClassName);
    }

    [Fact]
    public void The_waiting_list_marks_a_wait_past_the_target_in_words_not_only_colour()
    {
        var list = Render<BoardWaitingList>(p => p.Add(x => x.Now, Now).Add(x => x.Items, [
            new BoardWaitingItem(8, "+1 ••• ••• 0008", Now.AddMinutes(-9), RiskLevel.Moderate, IsTraining: false, IsReturning: true, PastTarget: true),
            new BoardWaitingItem(9, "+1 ••• ••• 0009", Now.AddSeconds(-40), RiskLevel.Unknown, IsTraining: true, IsReturning: false, PastTarget: false),
        ]));

        var late = list.Find("[data-testid=board-waiting-8]");
        Assert.Contains("9 min 00 s (past target)", late.TextContent);
        Assert.Contains("returning", late.TextContent);
        var fresh = list.Find("[data-testid=board-waiting-9]");
        Assert.Contains("40 s", fresh.TextContent);
        Assert.DoesNotContain("past target", fresh.TextContent);

        list.Render(p => p.Add(x => x.Items, []));
        Assert.NotNull(list.Find("[data-testid=board-waiting-empty]"));
    }

    [Fact]
    public async Task An_advocate_card_shows_presence_and_load_and_each_action_names_its_conversation()
    {
        var chosen = new List<BoardAction>();
        var cards = Render<BoardAdvocates>(p => p.Add(x => x.Now, Now)
            .Add(x => x.OnAction, (BoardAction a) => chosen.Add(a))
            .Add(x => x.Advocates, [
                new BoardAdvocate("a1", "Ana", PresenceState.Online, Now.AddHours(-5), 1, 3, ConsecutiveHighRisk: 3, SuggestCheckIn: true, PastStretchWithoutBreak: true,
                    [new BoardConversationItem(12, "+1 ••• ••• 0012", RiskLevel.High, UnreadCount: 2, Now, AwaitingFirstResponsePastTarget: true, IsTraining: false)]),
                new BoardAdvocate("b2", "Bo", PresenceState.Offline, null, 0, 3, 0, false, false, []),
            ]));

        Assert.Equal("Online", cards.Find("[data-testid='board-presence-Ana']").TextContent);
        Assert.Equal("Offline", cards.Find("[data-testid='board-presence-Bo']").TextContent);
        Assert.Equal("1 / 3", cards.Find("[data-testid='board-load-Ana']").TextContent);
        var ana = cards.Find("[data-testid='board-advocate-Ana']").TextContent;
        Assert.Contains("3 high-risk in a row", ana);
        Assert.Contains("no break for 5 h 00 min", ana);
        Assert.Contains("2 unread", ana);
        Assert.Contains("no reply yet", ana);
        Assert.Equal("Take over conversation #12", cards.Find("[data-testid=take-over-12]").GetAttribute("aria-label"));
        Assert.Equal("Note to Ana about conversation #12", cards.Find("[data-testid=note-12]").GetAttribute("aria-label"));

        await cards.Find("[data-testid=reassign-12]").ClickAsync(new MouseEventArgs());
        await cards.Find("[data-testid='nudge-Bo']").ClickAsync(new MouseEventArgs());

        Assert.Equal([new BoardAction(BoardActionKind.Reassign, "a1", "Ana", 12), new BoardAction(BoardActionKind.Nudge, "b2", "Bo", null)], chosen);
    }

    [Fact]
    public void Reassigning_with_nobody_to_take_it_says_why_and_cannot_be_submitted()
    {
        var panel = Render<BoardActionPanel>(p => p.Add(x => x.Action, new BoardAction(BoardActionKind.Reassign, "a1", "Ana", 12)).Add(x => x.Targets, []));

        Assert.Equal(TransferChoices.Explain([]), panel.Find("[data-testid=reassign-targets-explained]").TextContent);
        Assert.Contains("No other active advocate", panel.Markup);
        Assert.True(panel.Find("[data-testid=board-action-submit]").HasAttribute("disabled"));

        // Everyone at their limit: a different reason, and the full advocates cannot be picked.
        panel.Render(p => p.Add(x => x.Targets, [new TransferTarget("b2", "Bo", 3, 3, IsOnShift: true)]));
        Assert.Contains("at their limit", panel.Find("[data-testid=reassign-targets-explained]").TextContent);
        Assert.True(panel.Find("[data-testid=board-action-submit]").HasAttribute("disabled"));

        // Someone online with room: nothing to explain.
        panel.Render(p => p.Add(x => x.Targets, [new TransferTarget("b2", "Bo", 1, 3, IsOnShift: true)]));
        Assert.Empty(panel.FindAll("[data-testid=reassign-targets-explained]"));
    }

    [Fact]
    public async Task A_note_is_sent_with_what_the_lead_wrote_and_a_check_in_starts_with_a_kind_word()
    {
        BoardActionInput? sent = null;
        var note = Render<BoardActionPanel>(p => p.Add(x => x.Action, new BoardAction(BoardActionKind.PrivateNote, "a1", "Ana", 12))
            .Add(x => x.OnSubmit, (BoardActionInput input) => sent = input));
        Assert.Contains("Private note to Ana", note.Find("h2").TextContent);
        Assert.True(note.Find("[data-testid=board-action-submit]").HasAttribute("disabled"));

        await note.Find("[data-testid=board-action-text]").InputAsync(Value("Ask whether she is safe"));
        await note.Find("[data-testid=board-action-submit]").ClickAsync(new MouseEventArgs());

        Assert.Equal(new BoardActionInput("Ask whether she is safe", null), sent);

        var nudge = Render<BoardActionPanel>(p => p.Add(x => x.Action, new BoardAction(BoardActionKind.Nudge, "a1", "Ana", null)));
        Assert.Contains("Take a break when you can", nudge.Find("[data-testid=board-action-text]").GetAttribute("value") ?? nudge.Find("[data-testid=board-action-text]").TextContent);
        Assert.False(nudge.Find("[data-testid=board-action-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_escalation_is_returned_only_with_a_reason_and_approved_with_one_click()
    {
        var approved = new List<int>();
        (int, string)? returned = null;
        var item = new EscalationListItem(41, 7, "County sheriff", EscalationStatus.PendingApproval, EscalationReason.LaborTrafficking, EscalationUrgency.Urgent, "Ana", Now);
        var approvals = Render<BoardApprovals>(p => p.Add(x => x.CanApprove, true).Add(x => x.Items, [item])
            .Add(x => x.OnApprove, (int id) => approved.Add(id))
            .Add(x => x.OnReturn, ((int EscalationId, string Note) r) => returned = r));

        var row = approvals.Find("[data-testid=board-approval-41]").TextContent;
        Assert.Contains("Labor trafficking", row);
        Assert.Contains("Urgent", row);
        Assert.True(approvals.Find("[data-testid=board-return-41]").HasAttribute("disabled"));

        await approvals.Find("[data-testid=board-return-note-41]").InputAsync(Value("Add the county"));
        Assert.False(approvals.Find("[data-testid=board-return-41]").HasAttribute("disabled"));
        await approvals.Find("[data-testid=board-return-41]").ClickAsync(new MouseEventArgs());
        await approvals.Find("[data-testid=board-approve-41]").ClickAsync(new MouseEventArgs());

        Assert.Equal((41, "Add the county"), returned);
        Assert.Equal([41], approved);

        approvals.Render(p => p.Add(x => x.Items, []));
        Assert.NotNull(approvals.Find("[data-testid=board-approvals-empty]"));
        approvals.Render(p => p.Add(x => x.CanApprove, false));
        Assert.Contains("Only shift leads approve escalations.", approvals.Markup);
    }
}
