using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Inbox;
using BeFree.Web.Components.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Components.Inbox;

/// <summary>The inbox page on the real Core: its lists, switching conversations through the URL, keys and live texts.</summary>
public sealed class InboxPageTests : WorkspaceComponentTests
{
    // Registered before the base class's set-up first resolves a service.
    private readonly BunitAuthorizationContext _authorization;

    private string _advocate = null!;
    private CurrentStaff _staff = CurrentStaff.Nobody;
    private int _answered;
    private int _awaiting;
    private int _queued;

    public InboxPageTests() => _authorization = AddAuthorization();

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Ana");
        _authorization.SetAuthorized("Ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, _advocate));
        _staff = new CurrentStaff(_advocate, "Ana", new HashSet<string>([StaffRoles.Advocate]));
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        _answered = await Host.CreateConversationAsync("hello", assignedTo: _advocate, queuedUtc: now.AddMinutes(-20));
        await Host.Outbound.EnqueueAsync(_answered, "We are here. Are you safe to text?", _advocate, MessageOrigin.Advocate);
        _awaiting = await Host.CreateConversationAsync("necesito ayuda", assignedTo: _advocate, queuedUtc: now.AddMinutes(-4), training: true);
        await using (var db = await Host.DbAsync())
        {
            await db.Conversations.Where(c => c.Id == _awaiting)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Language, ConversationLanguage.Spanish));
            await db.Conversations.Where(c => c.Id == _answered).ExecuteUpdateAsync(set => set.SetProperty(c => c.UnreadCount, 0));
        }
        _queued = await Host.CreateConversationAsync("they took my passport", risk: RiskLevel.High);
        // As the real ingest does: the shared queue is read again after a new conversation.
        await Host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(_queued, ConversationChangeKind.Created));
    }

    private IRenderedComponent<InboxPage> RenderInbox(int? conversationId)
        => Render<InboxPage>(p => p.AddCascadingValue(_staff).Add(x => x.ConversationId, conversationId));

    private static string[] RowOrder(IRenderedComponent<InboxPage> page)
        => page.FindAll("[data-testid=inbox-mine] a.inbox-row").Select(a => a.GetAttribute("data-testid")!).ToArray();

    [Fact]
    public void The_texter_waiting_for_an_answer_is_first_with_their_marks_and_the_queue_shows_its_risk()
    {
        var page = RenderInbox(null);

        page.WaitForAssertion(() => Assert.Equal(new[] { $"inbox-row-{_awaiting}", $"inbox-row-{_answered}" }, RowOrder(page)), Patience);
        Assert.Equal("1 new", page.Find($"[data-testid=inbox-unread-{_awaiting}]").TextContent);
        Assert.Empty(page.FindAll($"[data-testid=inbox-unread-{_answered}]"));
        Assert.Equal("ES", page.Find($"[data-testid=inbox-language-{_awaiting}]").TextContent);
        Assert.NotNull(page.Find($"[data-testid=inbox-training-{_awaiting}]"));
        Assert.Equal("4 min ago", page.Find($"[data-testid=inbox-wait-{_awaiting}]").TextContent);
        Assert.Empty(page.FindAll($"[data-testid=inbox-wait-{_answered}]")); // Answered: nobody is waiting.
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=inbox-queue-row-{_queued}]")), Patience);
        var queueRow = page.Find($"[data-testid=inbox-queue-row-{_queued}]");
        Assert.Equal("High", queueRow.QuerySelector("[data-testid=risk-badge]")!.GetAttribute("data-risk"));
        Assert.Equal("1 waiting", page.Find("[data-testid=inbox-queue-count]").TextContent);
        Assert.NotNull(page.Find("[data-testid=inbox-choose]"));
    }

    [Fact]
    public async Task Choosing_a_row_puts_the_conversation_in_the_url_and_the_page_follows_the_parameter()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = RenderInbox(_answered);
        page.WaitForAssertion(() => Assert.Contains("hello", page.Find("[data-testid=inbox-thread]").TextContent), Patience);
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=inbox-page]").GetAttribute("data-live")), Patience);

        await page.Find($"[data-testid=inbox-row-{_awaiting}]").ClickAsync(new MouseEventArgs());
        Assert.EndsWith($"/inbox/{_awaiting}", navigation.Uri);

        page.Render(p => p.Add(x => x.ConversationId, _awaiting));
        page.WaitForAssertion(() => Assert.Contains("necesito ayuda", page.Find("[data-testid=inbox-thread]").TextContent), Patience);
        Assert.Equal("page", page.Find($"[data-testid=inbox-row-{_awaiting}]").GetAttribute("aria-current"));
        Assert.NotNull(page.Find("[data-testid=reply-text]"));
        Assert.NotNull(page.Find("[data-testid=context-section-risk]"));
        // Opened by its holder: what arrived is read (the change that publishes re-reads the list).
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=inbox-unread-{_awaiting}]")), Patience);
        Assert.Equal(0, (await Host.ConversationAsync(_awaiting)).UnreadCount);
    }

    [Fact]
    public async Task Keys_move_between_conversations_and_claim_the_top_of_the_queue_but_not_while_typing()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = RenderInbox(_awaiting);
        page.WaitForAssertion(() => Assert.Equal(2, RowOrder(page).Length), Patience);
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=inbox-page]").GetAttribute("data-live")), Patience);
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=inbox-queue-row-{_queued}]")), Patience);

        await page.InvokeAsync(() => page.Instance.OnShortcutKey("j", alt: false, typing: true));
        Assert.DoesNotContain("/inbox/", navigation.Uri);

        await page.InvokeAsync(() => page.Instance.OnShortcutKey("j", alt: false, typing: false));
        Assert.EndsWith($"/inbox/{_answered}", navigation.Uri);

        await page.InvokeAsync(() => page.Instance.OnShortcutKey("c", alt: false, typing: false));
        Assert.Null(page.FindAll("[data-testid=inbox-claim-result]").FirstOrDefault()?.TextContent);
        Assert.EndsWith($"/inbox/{_queued}", navigation.Uri);
        var claimed = await Host.ConversationAsync(_queued);
        Assert.Equal(_advocate, claimed.AssignedToId);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=inbox-queue-row-{_queued}]")), Patience);
    }

    [Fact]
    public async Task A_text_in_another_conversation_raises_its_unread_badge_while_the_open_one_stays_open()
    {
        var page = RenderInbox(_answered);
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=inbox-page]").GetAttribute("data-live")), Patience);
        page.WaitForAssertion(() => Assert.Equal("1 new", page.Find($"[data-testid=inbox-unread-{_awaiting}]").TextContent), Patience);

        await Host.TextFromTexterAsync(_awaiting, "¿sigues ahí?");
        await Host.TextFromTexterAsync(_answered, "I am safe now");

        page.WaitForAssertion(() => Assert.Equal("2 new", page.Find($"[data-testid=inbox-unread-{_awaiting}]").TextContent), Patience);
        page.WaitForAssertion(() =>
        {
            var texts = page.FindAll("[data-testid=inbox-thread] li.thread-message .thread-body").Select(b => b.TextContent).ToList();
            Assert.Equal("I am safe now", texts[^1]);
        }, Patience);
        // Open here: read as it arrives (marking it read re-reads the list once more).
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=inbox-unread-{_answered}]")), Patience);
    }

    [Fact]
    public async Task A_claim_someone_else_won_says_so_and_the_inbox_stays_where_it_was()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = RenderInbox(_awaiting);
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=inbox-page]").GetAttribute("data-live")), Patience);
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=inbox-claim-{_queued}]")), Patience);
        var claimButton = page.Find($"[data-testid=inbox-claim-{_queued}]");
        var sam = await Host.CreateAdvocateAsync("Sam");
        // Sam's claim lands in the database before this screen hears of it (its change is still on the way), so the
        // button on screen is clicked for a conversation that is no longer in the queue.
        await using (var db = await Host.DbAsync())
        {
            Assert.Equal(1, await db.Conversations.Where(c => c.Id == _queued && c.Status == ConversationStatus.Queued)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.AssignedToId, sam).SetProperty(c => c.Status, ConversationStatus.Assigned)));
        }

        await claimButton.ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.False(string.IsNullOrWhiteSpace(page.Find("[data-testid=inbox-claim-result]").TextContent)), Patience);
        Assert.DoesNotContain($"/inbox/{_queued}", navigation.Uri);
        Assert.Equal(sam, (await Host.ConversationAsync(_queued)).AssignedToId);
        Assert.Contains("necesito ayuda", page.Find("[data-testid=inbox-thread]").TextContent);
    }
}
