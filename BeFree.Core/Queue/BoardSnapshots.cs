using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Queue;

/// <summary>
/// The floor at one instant, shared by every open board: <see cref="Board"/> holds what shift leads and admins
/// both may see (no approvals; <see cref="LiveBoardService.GetApprovalsAsync"/> adds those per lead).
/// </summary>
public sealed record BoardFloor(long Version, BoardSnapshot Board) : ISharedSnapshot;

/// <summary>
/// The shift lead's board, read once per change (conversations, presence, lead alerts; coalesced) and handed
/// to every open board, so the database work per change does not grow with the number of boards open.
/// </summary>
public sealed class BoardSnapshots : IDisposable
{
    private readonly IDbContextFactory<BeFreeDbContext> _dbFactory;
    private readonly SharedSnapshot<BoardFloor> _shared;
    private readonly IDisposable[] _changes;

    public BoardSnapshots(IDbContextFactory<BeFreeDbContext> dbFactory, LiveBoardService board, ConversationNotifier notifier,
        StaffPresenceRegistry presence, LeadAlerts alerts, IOptions<SharedViewOptions> options, ILogger<BoardSnapshots> logger)
    {
        _dbFactory = dbFactory;
        _shared = new SharedSnapshot<BoardFloor>("board",
            async (version, cancellationToken) => new BoardFloor(version, await board.ReadFloorAsync(cancellationToken)),
            logger, TimeSpan.FromMilliseconds(options.Value.SettleMilliseconds));
        _changes =
        [
            notifier.Subscribe(InvalidateAsync),
            presence.Subscribe(InvalidateAsync),
            alerts.Subscribe(_ => InvalidateAsync()),
        ];
    }

    private Task InvalidateAsync()
    {
        _shared.Invalidate();
        return Task.CompletedTask;
    }

    /// <summary>The latest floor, or null if it changed while nobody watched.</summary>
    public BoardFloor? Current => _shared.Current;

    /// <summary>How many times the floor was read for the shared view.</summary>
    public long Computations => _shared.Computations;

    /// <summary>
    /// The current floor for <paramref name="actorId"/>, who must be a shift lead or admin now (checked in the
    /// database). A page subscribes first, then calls this, and keeps whichever version is newest.
    /// </summary>
    public async Task<BoardFloor> GetAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.ShiftLead, StaffRoles.Admin);
        }
        return await _shared.GetAsync(cancellationToken);
    }

    public IDisposable Subscribe(Func<BoardFloor, CancellationToken, Task> handler) => _shared.Subscribe(handler);

    /// <summary>As <see cref="Subscribe(Func{BoardFloor, CancellationToken, Task})"/>, for <c>LiveUpdates.Follow</c>.</summary>
    public IDisposable Subscribe(Func<BoardFloor, Task> handler) => _shared.Subscribe((floor, _) => handler(floor));

    /// <summary>Completes when no read runs or is due. For tests and benchmarks.</summary>
    public Task WhenIdleAsync() => _shared.WhenIdleAsync();

    public void Dispose()
    {
        foreach (var change in _changes)
        {
            change.Dispose();
        }
        _shared.Dispose();
    }
}
