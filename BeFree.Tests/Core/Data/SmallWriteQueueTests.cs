using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Tests.Core.Conversations;
using BeFree.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Core.Data;

/// <summary>
/// The one-writer gate and the small-write queue: on SQLite, writes queued behind a writer share one
/// transaction and one bad write fails alone; on PostgreSQL (BEFREE_TEST_POSTGRES) each write runs
/// at once in its own context.
/// </summary>
public sealed class SmallWriteQueueTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkspaceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DatabaseWriteGate Gate => _host.Get<DatabaseWriteGate>();
    private SmallWriteQueue Queue => _host.Get<SmallWriteQueue>();

    [Theory]
    [InlineData("Sqlite", true)]
    [InlineData("PostgreSQL", false)]
    [InlineData("SqlServer", false)]
    public void Only_SQLite_writes_one_writer_at_a_time(string provider, bool serialized)
    {
        var gate = new DatabaseWriteGate(Options.Create(new DatabaseOptions { Provider = provider, ConnectionString = "unused" }));
        Assert.Equal(serialized, gate.SerializesWrites);
    }

    [Fact]
    public async Task Writes_queued_behind_a_writer_commit_together_and_the_gate_matches_the_provider()
    {
        Assert.Equal(TestDatabase.Provider == DatabaseProvider.Sqlite, Gate.SerializesWrites);
        Task<Guid?>[] writes;
        using (await Gate.EnterAsync(CancellationToken.None))
        {
            writes = Enumerable.Range(1, 3).Select(i => Queue.WriteAsync((db, ct) => AuditAsync(db, $"write {i}", ct))).ToArray();
            if (Gate.SerializesWrites)
            {
                Assert.DoesNotContain(writes, w => w.IsCompleted); // Each waits for the writer's turn.
            }
            else
            {
                await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30)); // Nobody waits for anybody.
            }
        }
        var transactions = await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));

        if (Gate.SerializesWrites)
        {
            Assert.NotNull(transactions[0]);
            Assert.All(transactions, t => Assert.Equal(transactions[0], t));
        }
        else
        {
            Assert.All(transactions, Assert.Null);
        }
        Assert.Equal(3, await CountAuditAsync("write "));
    }

    [Fact]
    public async Task A_write_that_fails_in_a_batch_fails_alone_and_the_others_commit()
    {
        Task<Guid?> first, bad, last;
        using (await Gate.EnterAsync(CancellationToken.None))
        {
            first = Queue.WriteAsync((db, ct) => AuditAsync(db, "kept first", ct));
            bad = Queue.WriteAsync((db, ct) => SmallWriteQueue.InTransactionAsync<Guid?>(db, async () =>
            {
                await AuditAsync(db, "kept never", ct);
                throw new InvalidOperationException("This write is refused.");
            }, ct));
            last = Queue.WriteAsync((db, ct) => AuditAsync(db, "kept last", ct));
        }

        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await last.WaitAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, await CountAuditAsync("kept "));
        Assert.Equal(0, await CountAuditAsync("kept never"));
    }

    [Fact]
    public async Task A_write_given_up_while_it_waits_never_runs()
    {
        var ran = false;
        using var cancel = new CancellationTokenSource();
        Task<int> write;
        using (await Gate.EnterAsync(CancellationToken.None))
        {
            if (!Gate.SerializesWrites)
            {
                await cancel.CancelAsync(); // Nothing to wait for here: given up before it starts.
            }
            write = Queue.WriteAsync((_, _) => { ran = true; return Task.FromResult(1); }, cancel.Token);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        }
        // The next write drains the queue: the given-up one is skipped, not run.
        await Queue.WriteAsync((db, ct) => AuditAsync(db, "after", ct)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(ran);
    }

    private async Task<Guid?> AuditAsync(BeFreeDbContext db, string details, CancellationToken cancellationToken)
    {
        _host.Get<AuditLog>().Add(db, AuditActor.System, "test.small-write", "test", "1", details);
        await db.SaveChangesAsync(cancellationToken);
        return db.Database.CurrentTransaction?.TransactionId;
    }

    private async Task<int> CountAuditAsync(string detailsStart)
    {
        await using var db = _host.Database.CreateContext();
        return await db.AuditEntries.CountAsync(e => e.Action == "test.small-write" && e.Details!.StartsWith(detailsStart));
    }
}
