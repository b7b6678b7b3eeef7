using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Conversations;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BeFree.Tests.Components;

/// <summary>
/// The conversation's actions: the release note and the closing summary warn about names and addresses as they are
/// typed, and the transfer form says why nobody can be chosen.
/// </summary>
public sealed class ActionsPanelTests : WorkspaceComponentTests
{
    private const string Personal = "staying with Maria Lopez at 1423 Elm Street";
    private string _advocate = null!;
    private int _conversation;

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Ana");
        _conversation = await Host.CreateConversationAsync("help", assignedTo: _advocate);
    }

    private Task<IRenderedComponent<ActionsPanel>> RenderAsync() => RenderPanelAsync<ActionsPanel>(_advocate, _conversation);

    private static string Warnings(IRenderedComponent<ActionsPanel> panel) => panel.Find("[data-testid=reason-warnings]").TextContent;

    [Fact]
    public async Task The_release_note_warns_about_a_name_and_an_address()
    {
        var panel = await RenderAsync();
        await panel.Find("[data-testid=release]").ClickAsync(new MouseEventArgs());
        Assert.Empty(panel.FindAll("[data-testid=reason-warnings]"));

        await panel.Find("[data-testid=release-note]").InputAsync(new ChangeEventArgs { Value = Personal });

        Assert.Contains("name", Warnings(panel), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("address", Warnings(panel), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_closing_summary_warns_about_a_name_and_an_address()
    {
        var panel = await RenderAsync();
        await panel.Find("[data-testid=close]").ClickAsync(new MouseEventArgs());

        await panel.Find("[data-testid=close-summary]").InputAsync(new ChangeEventArgs { Value = Personal });

        Assert.Contains("name", Warnings(panel), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("address", Warnings(panel), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_transfer_with_nobody_to_take_it_says_so()
    {
        var panel = await RenderAsync();

        await panel.Find("[data-testid=transfer]").ClickAsync(new MouseEventArgs());

        Assert.Equal("No other active advocate exists to take it. An admin can add or enable one.",
            panel.Find("[data-testid=transfer-targets-explained]").TextContent);
    }
}
