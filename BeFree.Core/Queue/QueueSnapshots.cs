using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Queue;

/// <summary>The queue at one instant, shared by every open queue page. Holds only what every answering role may see.</summary>
public sealed record QueueSnapshot(long Version, DateTime TakenUtc, IReadOnlyList<QueueItem> Items) : ISharedSnapshot;

/// <summary>
/// The live queue, read once per conversation change (coalesced) and handed to every open queue page, so
/// a text costs the same database work with one open queue page or fifty.
/// </summary>
public sealed class QueueSnapshots : IDisposable
{
    private readonly IDbContextFactory<BeFreeDbContext> _dbFactory;
    private readonly SharedSnapshot<QueueSnapshot> _shared;
    private readonly IDisposable _changes;

    public QueueSnapshots(IDbContextFactory<BeFreeDbContext> dbFactory, QueueService queue, ConversationNotifier notifier,
        TimeProvider clock, IOptions<SharedViewOptions> options, ILogger<QueueSnapshots> logger)
    {
        _dbFactory = dbFactory;
        _shared = new SharedSnapshot<QueueSnapshot>("queue",
            async (version, cancellationToken) =>
            {
                var taken = clock.GetUtcNow().UtcDateTime;
                return new QueueSnapshot(version, taken, await queue.ReadWaitingAsync(cancellationToken));
            },
            logger, TimeSpan.FromMilliseconds(options.Value.SettleMilliseconds));
        // Any change may move a conversation into or out of the queue, or change what a waiting one shows.
        _changes = notifier.Subscribe(() =>
        {
            _shared.Invalidate();
            return Task.CompletedTask;
        });
    }

    /// <summary>The latest queue, or null if it changed while nobody watched (then <see cref="GetAsync"/> reads it).</summary>
    public QueueSnapshot? Current => _shared.Current;

    /// <summary>How many times the queue was read for the shared view.</summary>
    public long Computations => _shared.Computations;

    /// <summary>
    /// The current queue for <paramref name="actorId"/>, who must hold an answering role now (checked in the
    /// database). A page subscribes first, then calls this, and keeps whichever version is newest.
    /// </summary>
    public async Task<QueueSnapshot> GetAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await StaffAccess.RequireAsync(db, actorId, cancellationToken, ConversationAccess.AnsweringRoles);
        }
        return await _shared.GetAsync(cancellationToken);
    }

    /// <summary>Every newer queue, one call at a time, the latest only if the screen is behind.</summary>
    public IDisposable Subscribe(Func<QueueSnapshot, CancellationToken, Task> handler) => _shared.Subscribe(handler);

    /// <summary>As <see cref="Subscribe(Func{QueueSnapshot, CancellationToken, Task})"/>, for <c>LiveUpdates.Follow</c>.</summary>
    public IDisposable Subscribe(Func<QueueSnapshot, Task> handler) => _shared.Subscribe((snapshot, _) => handler(snapshot));

    /// <summary>Completes when no read runs or is due. For tests and benchmarks.</summary>
    public Task WhenIdleAsync() => _shared.WhenIdleAsync();

    public void Dispose()
    {
        _changes.Dispose();
        _shared.Dispose();
    }
}
