using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Web.Components.Pages.Board;
using Bunit;

namespace BeFree.Tests.Components;

/// <summary>The board's "waiting for a reply" section: who holds each, how long the texter has waited, in words.</summary>
public sealed class BoardAwaitingReplyTests : BunitContext
{
    [Fact]
    public void Lists_held_and_queued_conversations_with_their_wait_and_a_human_risk_label()
    {
        var now = new DateTime(2026, 7, 15, 15, 0, 0, DateTimeKind.Utc);
        var section = Render<BoardAwaitingReply>(p => p
            .Add(x => x.Now, now)
            .Add(x => x.Items, [
                new BoardAwaitingReplyItem(3, "+1 ••• ••• 0001", RiskLevel.Unknown, "Ana", now.AddMinutes(-12), IsTraining: false),
                new BoardAwaitingReplyItem(5, "+1 ••• ••• 0002", RiskLevel.High, null, now.AddMinutes(-6), IsTraining: true),
            ]));

        var held = section.Find("[data-testid=board-awaiting-reply-3]").TextContent;
        Assert.Contains("Ana", held);
        Assert.Contains("Not assessed", held);
        Assert.DoesNotContain("Unknown", held);
        var queued = section.Find("[data-testid=board-awaiting-reply-5]").TextContent;
        Assert.Contains("In the queue", queued);
        Assert.Contains("training", queued);

        section.Render(p => p.Add(x => x.Items, []));
        Assert.NotNull(section.Find("[data-testid=board-awaiting-reply-empty]"));
    }
}
