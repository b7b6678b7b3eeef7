using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Queue;
using Bunit;
using Bunit.TestDoubles;

namespace BeFree.Tests.Components;

/// <summary>The queue page on the shared queue: open pages show each change, and the queue is read once for all of them.</summary>
public sealed class QueuePageTests : WorkspaceComponentTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // Registered before the base class's set-up first resolves a service.
    private readonly BunitAuthorizationContext _authorization;

    public QueuePageTests() => _authorization = AddAuthorization();

    protected override async Task ArrangeAsync()
    {
        var advocate = await Host.CreateAdvocateAsync("Ana");
        _authorization.SetAuthorized("Ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, advocate));
    }

    [Fact]
    public async Task Open_queue_pages_show_a_new_text_from_one_shared_read()
    {
        var waiting = await Host.CreateConversationAsync("first one");
        var pages = Enumerable.Range(0, 3).Select(_ => Render<QueuePage>()).ToList();
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
}
