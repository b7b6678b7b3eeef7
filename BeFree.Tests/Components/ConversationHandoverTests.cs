using BeFree.Core.Conversations;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Conversations;
using BeFree.Web.Components.Shared;
using Bunit;

namespace BeFree.Tests.Components;

/// <summary>An advocate whose open conversation is taken over sees who took it and why, on the same page, not an error.</summary>
public sealed class ConversationHandoverTests : WorkspaceComponentTests
{
    private string _advocate = null!;
    private string _lead = null!;
    private int _conversation;

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Ana");
        _lead = await Host.CreateLeadAsync("Lee Lead");
        _conversation = await Host.CreateConversationAsync("he locks the door at night", assignedTo: _advocate);
    }

    /// <summary>The page as the router shows it to Ana: her <see cref="CurrentStaff"/> cascaded from the layout.</summary>
    private IRenderedComponent<ConversationPage> RenderPage()
        => Render<ConversationPage>(p => p.AddCascadingValue(new CurrentStaff(_advocate, "Ana", new HashSet<string>([StaffRoles.Advocate])))
            .Add(x => x.ConversationId, _conversation));

    [Fact]
    public async Task A_take_over_while_the_page_is_open_shows_who_and_why()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=reply-text]")), Patience);

        await Host.Get<ConversationService>().TakeOverAsync(_lead, _conversation, "texter reports immediate danger");

        page.WaitForAssertion(() => Assert.Equal("Taken over by Lee Lead: texter reports immediate danger",
            page.Find("[data-testid=handover-notice]").TextContent), Patience);
        Assert.Empty(page.FindAll("[data-testid=conversation-refused]"));
        Assert.Empty(page.FindAll("[data-testid=reply-text]"));
        Assert.DoesNotContain("he locks the door", page.Markup);
    }

    [Fact]
    public async Task Opening_a_conversation_that_was_transferred_away_explains_it()
    {
        var sam = await Host.CreateAdvocateAsync("Sam");
        await Host.Get<ConversationService>().TransferAsync(_advocate, _conversation, sam, "Prefers Spanish");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Transferred to Sam.", page.Find("[data-testid=handover-notice]").TextContent), Patience);
        Assert.Empty(page.FindAll("[data-testid=conversation-refused]"));
    }

    [Fact]
    public async Task In_the_inbox_a_take_over_shows_who_and_why_and_the_inbox_stays()
    {
        var staff = new CurrentStaff(_advocate, "Ana", new HashSet<string>([StaffRoles.Advocate]));
        var inbox = Render<BeFree.Web.Components.Pages.Inbox.InboxPage>(p => p.AddCascadingValue(staff).Add(x => x.ConversationId, _conversation));
        inbox.WaitForAssertion(() => Assert.NotNull(inbox.Find("[data-testid=reply-text]")), Patience);
        inbox.WaitForAssertion(() => Assert.Equal("true", inbox.Find("[data-testid=inbox-page]").GetAttribute("data-live")), Patience);

        await Host.Get<ConversationService>().TakeOverAsync(_lead, _conversation, "texter reports immediate danger");

        inbox.WaitForAssertion(() => Assert.Equal("Taken over by Lee Lead: texter reports immediate danger",
            inbox.Find("[data-testid=handover-notice]").TextContent), Patience);
        Assert.Empty(inbox.FindAll("[data-testid=conversation-refused]"));
        Assert.Empty(inbox.FindAll("[data-testid=reply-text]"));
        Assert.NotNull(inbox.Find("[data-testid=inbox-mine]"));
        Assert.DoesNotContain("he locks the door", inbox.Markup);
    }
}
