using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Board;
using Bunit;

namespace BeFree.Tests.Components.Board;

/// <summary>The board's "waiting for a reply" section: who holds each, how long the texter has waited, in words.</summary>
public sealed class BoardAwaitingReplyTests : MudComponentTests
{
    [Fact]
    public void Lists_held_and_queued_conversations_with_their_wait_and_a_human_risk_label()
    {
        var section = Render<BoardAwaitingReply>(p => p
            .Add(x => x.Now, Now)
            .Add(x => x.Items, [
                new BoardAwaitingReplyItem(3, "+1 ••• ••• 0001", RiskLevel.Unknown, "Ana", Now.AddMinutes(-12).AddSeconds(-5), IsTraining: false),
                new BoardAwaitingReplyItem(5, "+1 ••• ••• 0002", RiskLevel.High, null, Now.AddMinutes(-6), IsTraining: true),
            ]));

        var held = section.Find("[data-testid=board-awaiting-reply-3]").TextContent;
        Assert.Contains("Ana", held);
        Assert.Contains("Not assessed", held);
        Assert.DoesNotContain("Unknown", held);
        Assert.Contains("12 min 05 s", held);
        var queued = section.Find("[data-testid=board-awaiting-reply-5]").TextContent;
        Assert.Contains("In the queue", queued);
        Assert.Contains("training", queued);
        Assert.Contains("High", queued);

        section.Render(p => p.Add(x => x.Items, []));
        Assert.NotNull(section.Find("[data-testid=board-awaiting-reply-empty]"));
    }
}
