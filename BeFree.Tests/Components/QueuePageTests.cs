using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Tests.Components.Support;
using BeFree.Core.Staff;
using BeFree.Web.Components.Pages.Queue;
using BeFree.Web.Components.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Components;

/// <summary>The queue page on the shared queue: open pages show each change, and the queue is read once for all of them.</summary>
public sealed class QueuePageTests : WorkspaceComponentTests
{
    // Registered before the base class's set-up first resolves a service.
    private readonly BunitAuthorizationContext _authorization;

    private CurrentStaff _staff = CurrentStaff.Nobody;

    public QueuePageTests() => _authorization = AddAuthorization();

    private IRenderedComponent<QueuePage> RenderQueue() => Render<QueuePage>(p => p.AddCascadingValue(_staff));

    private static CurrentStaff Advocate(string id, string name) => new(id, name, new HashSet<string>([StaffRoles.Advocate]));

    protected override async Task ArrangeAsync()
    {
        var advocate = await Host.CreateAdvocateAsync("Ana");
        _authorization.SetAuthorized("Ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, advocate));
        _staff = Advocate(advocate, "Ana");
    }

    [Fact]
    public async Task Open_queue_pages_show_a_new_text_from_one_shared_read()
    {
        var waiting = await Host.CreateConversationAsync("first one");
        var pages = Enumerable.Range(0, 3).Select(_ => RenderQueue()).ToList();
        foreach (var page in pages)
        {
            page.WaitForAssertion(() => Assert.Equal("1 waiting", page.Find("[data-testid=queue-count]").TextContent), Patience);
        }
        var snapshots = Host.Get<QueueSnapshots>();
        await snapshots.WhenIdleAsync();
        var readsBefore = snapshots.Computations;

        var arrived = await Host.CreateConversationAsync("someone took my passport");
        await Host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(arrived, ConversationChangeKind.Created));

        foreach (var page in pages)
        {
            page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=queue-row-{arrived}]")), Patience);
            Assert.Equal("2 waiting", page.Find("[data-testid=queue-count]").TextContent);
            Assert.NotNull(page.Find($"[data-testid=queue-row-{waiting}]"));
        }
        await snapshots.WhenIdleAsync();
        Assert.Equal(readsBefore + 1, snapshots.Computations);
    }

    [Fact]
    public async Task A_disabled_account_sees_no_queue_even_when_a_change_arrives()
    {
        var disabled = await Host.CreateAdvocateAsync("Dora");
        await using (var db = await Host.DbAsync())
        {
            await db.Users.Where(u => u.Id == disabled).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false));
        }
        _authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, disabled));
        _staff = Advocate(disabled, "Dora");
        var waiting = await Host.CreateConversationAsync("first one");
        var snapshots = Host.Get<QueueSnapshots>();
        using var watcher = snapshots.Subscribe((_, _) => Task.CompletedTask); // Someone else's open page keeps the queue live.

        var page = RenderQueue();
        page.WaitForAssertion(() => Assert.Equal("Your account is disabled.", page.Find("[data-testid=queue-error]").TextContent), Patience);
        await Host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(waiting, ConversationChangeKind.Created));
        await snapshots.WhenIdleAsync();
        await PollAsync(() => snapshots.Current is { } current && current.Items.Any(i => i.ConversationId == waiting));

        page.Render();
        Assert.Empty(page.FindAll($"[data-testid=queue-row-{waiting}]"));
        Assert.Equal("0 waiting", page.Find("[data-testid=queue-count]").TextContent);
    }
}
