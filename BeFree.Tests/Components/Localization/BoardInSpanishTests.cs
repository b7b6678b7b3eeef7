using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Board;
using BeFree.Web.Components.Shared;
using Bunit;

namespace BeFree.Tests.Components.Localization;

/// <summary>The live board for a lead who chose Spanish, still in Spanish after a change published in English.</summary>
public sealed class BoardInSpanishTests : WorkspaceComponentTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private string _lead = "";
    private string _advocate = "";

    protected override async Task ArrangeAsync()
    {
        _lead = await Host.CreateStaffAsync("Lena Lead", [StaffRoles.ShiftLead]);
        _advocate = await Host.CreateAdvocateAsync("Ana");
    }

    [Fact]
    public async Task A_lead_who_chose_Spanish_reads_the_board_in_Spanish_and_it_stays_Spanish_when_the_floor_changes()
    {
        using var anaScreen = Host.Get<StaffPresenceRegistry>().Register(_advocate);
        var held = await Host.CreateConversationAsync("they took my phone", assignedTo: _advocate);
        await Host.CreateConversationAsync("is anyone there");

        IRenderedComponent<LiveBoard> board;
        using (new CultureScope("es-US"))
        {
            board = Render<LiveBoard>(p => p.AddCascadingValue(new CurrentStaff(_lead, "Lena Lead", new HashSet<string>([StaffRoles.ShiftLead]))));
            board.WaitForAssertion(() => Assert.Equal("1", board.Find("[data-testid=board-waiting]").TextContent), Patience);
        }

        Assert.Equal("Tablero en vivo", board.Find("h1").TextContent);
        Assert.Equal("En espera", board.Find("#waiting-heading").TextContent);
        Assert.Equal("En turno", board.Find("#advocates-heading").TextContent);
        Assert.Equal("Preguntar cómo está", board.Find("[data-testid=nudge-Ana]").TextContent.Trim());
        Assert.Equal("Tomar", board.Find($"[data-testid=take-over-{held}]").TextContent.Trim());
        Assert.Equal("Observar la conversación n.º " + held, board.Find($"[data-testid=monitor-{held}]").GetAttribute("aria-label"));

        // A texter writes in: the change is published on this (English) thread and reaches the board from there.
        int second;
        using (new CultureScope("en-US"))
        {
            second = await Host.CreateConversationAsync("hello?");
            await Host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(second, ConversationChangeKind.Created));
        }

        board.WaitForAssertion(() => Assert.Equal("2", board.Find("[data-testid=board-waiting]").TextContent), Patience);
        Assert.NotNull(board.Find($"[data-testid=board-waiting-{second}]"));
        Assert.Equal("En espera", board.Find("#waiting-heading").TextContent);
        Assert.Equal("Preguntar cómo está", board.Find("[data-testid=nudge-Ana]").TextContent.Trim());
        Assert.DoesNotContain("Live board", board.Markup);
        Assert.DoesNotContain("On shift", board.Markup);
    }
}
