using BeFree.Core.Conversations;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Localization;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Board;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace BeFree.Tests.Components.Board;

/// <summary>The live board on the real Core, as the cascaded lead: it follows the floor and explains an empty reassignment list.</summary>
public sealed class LiveBoardPageTests : WorkspaceComponentTests
{
    private string _lead = "";
    private string _advocate = "";

    protected override async Task ArrangeAsync()
    {
        // A lead who is not an advocate: nobody but the holder could take a conversation.
        _lead = await Host.CreateStaffAsync("Lena Lead", [StaffRoles.ShiftLead]);
        _advocate = await Host.CreateAdvocateAsync("Ana");
    }

    private IRenderedComponent<LiveBoard> RenderBoard()
        => Render<LiveBoard>(p => p.AddCascadingValue(new CurrentStaff(_lead, "Lena Lead", new HashSet<string>([StaffRoles.ShiftLead]))));

    [Fact]
    public async Task Reassigning_when_nobody_else_can_take_it_explains_why_on_the_board()
    {
        using var anaScreen = Host.Get<StaffPresenceRegistry>().Register(_advocate);
        var held = await Host.CreateConversationAsync("they took my phone", assignedTo: _advocate);
        await Host.CreateConversationAsync("is anyone there");

        var board = RenderBoard();
        board.WaitForAssertion(() => Assert.Equal("1", board.Find("[data-testid=board-waiting]").TextContent), Patience);
        Assert.Equal("Online", board.Find("[data-testid='board-presence-Ana']").TextContent);

        await board.Find($"[data-testid=reassign-{held}]").ClickAsync(new MouseEventArgs());

        board.WaitForAssertion(() => Assert.Equal("No other active advocate exists to take it. An admin can add or enable one.",
            board.Find("[data-testid=reassign-targets-explained]").TextContent), Patience);
        Assert.True(board.Find("[data-testid=board-action-submit]").HasAttribute("disabled"));
        await board.Find("[data-testid=board-action-cancel]").ClickAsync(new MouseEventArgs());
        Assert.Empty(board.FindAll("[data-testid=board-action-panel]"));
    }

    [Fact]
    public async Task An_advocate_whose_account_is_disabled_leaves_the_open_board_at_once()
    {
        var admin = await Host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        using var anaScreen = Host.Get<StaffPresenceRegistry>().Register(_advocate);
        var board = RenderBoard();
        board.WaitForAssertion(() => Assert.Equal("Online", board.Find("[data-testid='board-presence-Ana']").TextContent), Patience);

        await Host.Get<StaffAdministration>().SetActiveAsync(admin, _advocate, false);

        board.WaitForAssertion(() => Assert.Empty(board.FindAll("[data-testid='board-advocate-Ana']")), Patience);
        Assert.NotNull(board.Find("[data-testid=board-no-advocates]"));
    }

    /// <summary>A lead who chose Spanish reads the board in Spanish, still after a change published on an English thread.</summary>
    [Fact]
    public async Task A_lead_who_chose_Spanish_reads_the_board_in_Spanish_and_it_stays_Spanish_when_the_floor_changes()
    {
        using var anaScreen = Host.Get<StaffPresenceRegistry>().Register(_advocate);
        var held = await Host.CreateConversationAsync("they took my phone", assignedTo: _advocate);
        await Host.CreateConversationAsync("is anyone there");

        IRenderedComponent<LiveBoard> board;
        using (new CultureScope("es-US"))
        {
            board = RenderBoard();
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
