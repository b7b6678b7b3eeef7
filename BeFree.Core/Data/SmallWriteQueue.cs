using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Data;

/// <summary>
/// Short writes that come often and each touch a row or two (the outbound sender's claims, attempt
/// records and answers; Twilio's delivery reports). On SQLite they queue for
/// <see cref="DatabaseWriteGate"/>, and whoever gets the turn writes every write queued meanwhile in
/// one transaction: one commit instead of one per write, and nobody asleep in SQLite's busy handler.
/// A batch that fails is rolled back and redone write by write, so one bad write never fails another.
/// Elsewhere each write simply runs in its own context: the server takes concurrent writers.
/// <para>
/// A write must only change the database through the context it is given, and must not begin its
/// own transaction (use <see cref="InTransactionAsync"/>); whatever it publishes is published by its
/// caller after this returns, when the write is committed.
/// </para>
/// </summary>
public sealed class SmallWriteQueue(IDbContextFactory<BeFreeDbContext> dbFactory, DatabaseWriteGate gate, ILogger<SmallWriteQueue> logger)
{
    private const int MaxBatch = 64;
    private readonly ConcurrentQueue<PendingWrite> _waiting = new();

    /// <summary>Runs <paramref name="write"/>; returning means it is committed, an exception means it is not.</summary>
    public async Task<T> WriteAsync<T>(Func<BeFreeDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        if (!gate.SerializesWrites)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await write(db, cancellationToken);
        }

        var pending = new PendingWrite<T>(write);
        _waiting.Enqueue(pending);
        try
        {
            while (!pending.IsCompleted)
            {
                using (await gate.EnterAsync(cancellationToken))
                {
                    if (pending.IsCompleted)
                    {
                        break; // Written by the caller before us.
                    }
                    var batch = new List<PendingWrite>();
                    while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
                    {
                        if (!next.IsCompleted)
                        {
                            batch.Add(next);
                        }
                    }
                    if (batch.Count > 0)
                    {
                        await WriteBatchAsync(batch);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Still queued: whoever writes next skips it. Already written: its result stands.
            pending.Cancel();
        }
        return await pending.Result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own, unless the context is already in
    /// one (a batch of the queue), which then holds it together with the rest of the batch.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(BeFreeDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        try
        {
            // Not the caller's token: the batch carries others' writes too.
            await using var db = await dbFactory.CreateDbContextAsync();
            db.Database.AutoSavepointsEnabled = false;
            // BEGIN IMMEDIATE on SQLite: the write lock is ours for the whole batch.
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var pending in batch)
            {
                await pending.RunAsync(db);
            }
            await transaction.CommitAsync();
            foreach (var pending in batch)
            {
                pending.Complete();
            }
        }
        catch (Exception ex) when (batch.Count > 1 && ex is not (System.Data.Common.DbException or TimeoutException))
        {
            logger.LogInformation(ex, "A batch of {Count} small writes failed; writing them one by one", batch.Count);
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            // The database itself is unavailable (or the one write failed): not retried here.
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }
        }
    }

    private abstract class PendingWrite
    {
        public abstract bool IsCompleted { get; }
        public abstract Task RunAsync(BeFreeDbContext db);
        public abstract void Complete();
        public abstract void Fail(Exception ex);
        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(Func<BeFreeDbContext, CancellationToken, Task<T>> write) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Result => _done.Task;
        public override bool IsCompleted => _done.Task.IsCompleted;

        public override async Task RunAsync(BeFreeDbContext db) => _result = await write(db, CancellationToken.None);
        public override void Complete() => _done.TrySetResult(_result);
        public override void Fail(Exception ex) => _done.TrySetException(ex);
        public override void Cancel() => _done.TrySetCanceled();
    }
}
