using System.Collections.Concurrent;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Queue;

/// <summary>The queue and the board as every open screen shares them: one read per change, whatever the number of screens.</summary>
public sealed class SharedQueueAndBoardTests : IAsyncLifetime
{
    private const int Screens = 20;

    private WorkspaceHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkspaceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private QueueSnapshots Queue => _host.Get<QueueSnapshots>();
    private BoardSnapshots Board => _host.Get<BoardSnapshots>();
    private ConversationNotifier Notifier => _host.Get<ConversationNotifier>();

    [Fact]
    public async Task Many_open_queue_pages_cost_one_read_per_change_and_all_get_the_same_version()
    {
        var advocate = await _host.CreateAdvocateAsync("Ana");
        var received = new ConcurrentDictionary<int, QueueSnapshot>();
        var subscriptions = Enumerable.Range(0, Screens)
            .Select(screen => Queue.Subscribe((snapshot, _) =>
            {
                received[screen] = snapshot;
                return Task.CompletedTask;
            }))
            .ToList();
        try
        {
            var opened = await Queue.GetAsync(advocate);
            Assert.Empty(opened.Items);
            var readsBefore = Queue.Computations;

            var id = await _host.CreateConversationAsync("someone is holding my passport");
            await Notifier.PublishAsync(new ConversationChange(id, ConversationChangeKind.Created));

            await PollAsync(() => received.Count == Screens && received.Values.All(s => s.Items.Any(i => i.ConversationId == id)));
            await Queue.WhenIdleAsync().WaitAsync(Patience);
            Assert.Equal(readsBefore + 1, Queue.Computations);
            var version = Assert.Single(received.Values.Select(s => s.Version).Distinct());
            Assert.True(version > opened.Version);
            Assert.Single(received.Values.Distinct()); // One immutable snapshot object, handed to every screen.
            Assert.Equal("someone is holding my passport", received[0].Items.Single().Preview);
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task The_shared_queue_is_opened_only_by_active_staff_checked_now()
    {
        var advocate = await _host.CreateAdvocateAsync("Ana");
        var disabled = await _host.CreateAdvocateAsync("Dora");
        await using (var db = await _host.DbAsync())
        {
            await db.Users.Where(u => u.Id == disabled).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false));
        }

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Queue.GetAsync(disabled));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Queue.GetAsync("no-such-staff"));
        Assert.NotNull(await Queue.GetAsync(advocate));
    }

    [Fact]
    public async Task Many_open_boards_cost_one_read_per_presence_change()
    {
        var lead = await _host.CreateLeadAsync("Lena Lead");
        var ana = await _host.CreateAdvocateAsync("Ana");
        var received = new ConcurrentDictionary<int, BoardFloor>();
        var subscriptions = Enumerable.Range(0, Screens)
            .Select(screen => Board.Subscribe((floor, _) =>
            {
                received[screen] = floor;
                return Task.CompletedTask;
            }))
            .ToList();
        try
        {
            var opened = await Board.GetAsync(lead);
            Assert.Empty(opened.Board.Advocates);
            var readsBefore = Board.Computations;

            using var anaScreen = _host.Get<StaffPresenceRegistry>().Register(ana);

            await PollAsync(() => received.Count == Screens && received.Values.All(f => f.Board.Advocates.Any(a => a.StaffId == ana)));
            await Board.WhenIdleAsync().WaitAsync(Patience);
            Assert.Equal(readsBefore + 1, Board.Computations);
            Assert.Single(received.Values.Select(f => f.Version).Distinct());
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task The_shared_board_holds_no_approvals_and_each_role_gets_its_own_part()
    {
        var lead = await _host.CreateLeadAsync("Lena Lead");
        var admin = await _host.CreateStaffAsync("Adam Admin", [StaffRoles.Admin]);
        var advocate = await _host.CreateAdvocateAsync("Ana");
        var service = _host.Get<LiveBoardService>();

        var floor = await Board.GetAsync(admin);
        Assert.False(floor.Board.CanApproveEscalations);
        Assert.Empty(floor.Board.AwaitingApproval);
        Assert.False((await service.GetApprovalsAsync(admin)).CanApprove);
        Assert.True((await service.GetApprovalsAsync(lead)).CanApprove);
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Board.GetAsync(advocate));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => service.GetApprovalsAsync(advocate));
    }
}
