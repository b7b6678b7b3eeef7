using System.Data.Common;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using BeFree.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BeFree.Tests.Core.Audit;

/// <summary>
/// The audit table is append-only in the database itself, and hash-chained so that a change made
/// around the database's own refusal (a dropped trigger, an edited file) is found and named.
/// Runs on SQLite and, in the PostgreSQL pass, on PostgreSQL.
/// </summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _admin = await _host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private AuditLog Log => _host.Get<AuditLog>();
    private AuditChain Chain => _host.Get<AuditChain>();

    private async Task<List<long>> WriteAsync(int count, string marker)
    {
        for (var i = 0; i < count; i++)
        {
            await Log.WriteAsync(AuditActor.System, "test.entry", "test", marker, $"n={i}");
        }
        await using var db = await _host.DbAsync();
        return await db.AuditEntries.Where(e => e.SubjectId == marker).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    private async Task<int> ExecuteAsync(string sql)
    {
        await using var db = await _host.DbAsync();
        return await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>What someone with the database's credentials could do: switch the append-only trigger off.</summary>
    private Task BypassAppendOnlyAsync() => ExecuteAsync(TestDatabase.Provider == DatabaseProvider.Sqlite
        ? """DROP TRIGGER "AuditEntries_AppendOnly_Update"; DROP TRIGGER "AuditEntries_AppendOnly_Delete";"""
        : """ALTER TABLE "AuditEntries" DISABLE TRIGGER USER;""");

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_an_entry_sealed_or_not()
    {
        var ids = await WriteAsync(2, "refuse");
        await Chain.SealAsync();
        var sealedId = ids[0];
        var unsealed = (await WriteAsync(3, "refuse"))[2];

        foreach (var id in new[] { sealedId, unsealed })
        {
            await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync($"""UPDATE "AuditEntries" SET "Details" = 'changed' WHERE "Id" = {id}"""));
            await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {id}"""));
        }
        // Sealing is the one update allowed, once: a sealed entry's hash cannot be rewritten.
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync($"""UPDATE "AuditEntries" SET "Hash" = '{new string('0', 64)}' WHERE "Id" = {sealedId}"""));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync($"""UPDATE "AuditEntries" SET "Hash" = '{new string('0', 64)}', "ChainIndex" = 999999, "Details" = 'x' WHERE "Id" = {unsealed}"""));

        await using var db = await _host.DbAsync();
        Assert.Equal(5, await db.AuditEntries.CountAsync(e => e.SubjectId == "refuse"));
        Assert.Equal("n=0", (await db.AuditEntries.SingleAsync(e => e.Id == sealedId)).Details);
        Assert.True((await Chain.VerifyAsync(_admin)).Intact);
    }

    [Fact]
    public async Task An_intact_chain_verifies_and_every_entry_is_sealed_in_order()
    {
        await WriteAsync(5, "intact");

        var result = await Chain.VerifyAsync(_admin);

        Assert.True(result.Intact, result.Problem);
        Assert.Null(result.FirstBrokenId);
        Assert.Equal(0, result.UnsealedEntries);
        await using var db = await _host.DbAsync();
        var all = await db.AuditEntries.AsNoTracking().OrderBy(e => e.ChainIndex).ToListAsync();
        Assert.Equal(all.Count, result.EntriesChecked);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long?)i), all.Select(e => e.ChainIndex));
        Assert.Equal(all[^1].Hash, result.HeadHash);
        Assert.Equal(AuditChain.ComputeHash(all[^2].Hash, all[^1]), all[^1].Hash);
    }

    [Fact]
    public async Task A_changed_entry_is_found_and_named()
    {
        var ids = await WriteAsync(6, "tamper");
        await Chain.SealAsync();
        await BypassAppendOnlyAsync();
        await ExecuteAsync($"""UPDATE "AuditEntries" SET "ActorName" = 'someone else' WHERE "Id" = {ids[3]}""");

        var result = await Chain.VerifyAsync(_admin);

        Assert.False(result.Intact);
        Assert.Equal(ids[3], result.FirstBrokenId);
        Assert.Contains("changed", result.Problem);
    }

    [Fact]
    public async Task A_changed_entry_whose_hash_was_recomputed_breaks_the_next_link()
    {
        var ids = await WriteAsync(4, "rehash");
        await Chain.SealAsync();
        await BypassAppendOnlyAsync();
        await using (var db = await _host.DbAsync())
        {
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == ids[1]);
            var previous = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.ChainIndex == entry.ChainIndex - 1);
            entry.Details = "n=forged";
            var forged = AuditChain.ComputeHash(previous.Hash, entry);
            var id = ids[1];
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Details" = 'n=forged', "Hash" = {forged} WHERE "Id" = {id}""");
        }

        var result = await Chain.VerifyAsync(_admin);

        Assert.False(result.Intact);
        Assert.Equal(ids[2], result.FirstBrokenId);
    }

    [Fact]
    public async Task A_deleted_entry_is_found_by_the_entry_after_the_gap()
    {
        var ids = await WriteAsync(5, "delete");
        await Chain.SealAsync();
        await BypassAppendOnlyAsync();
        await ExecuteAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {ids[2]}""");

        var result = await Chain.VerifyAsync(_admin);

        Assert.False(result.Intact);
        Assert.Equal(ids[3], result.FirstBrokenId);
        Assert.Contains("deleted", result.Problem);
    }

    [Fact]
    public async Task Only_an_admin_may_verify()
    {
        var advocate = await _host.CreateAdvocateAsync("Avery Advocate");
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Chain.VerifyAsync(advocate));
    }

    [Fact]
    public async Task Concurrent_writers_and_sealers_still_make_one_valid_chain()
    {
        const int writers = 6, perWriter = 25;
        using var writing = new CancellationTokenSource();
        // Two sealers as two app servers would run them, sealing while the writers write.
        var sealers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var passes = 0;
            while (!writing.IsCancellationRequested || passes == 0)
            {
                await Chain.SealAsync();
                passes++;
            }
            return passes;
        })).ToList();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                if (i % 2 == 0)
                {
                    await Log.WriteAsync(AuditActor.System, "test.concurrent", "test", $"w{w}", $"n={i}");
                }
                else
                {
                    // Entries added inside a larger unit of work commit with it, as services do.
                    await using var db = await _host.DbAsync();
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    Log.Add(db, AuditActor.System, "test.concurrent", "test", $"w{w}", $"n={i}");
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                }
            }
        })));
        writing.Cancel();
        Assert.All(await Task.WhenAll(sealers), passes => Assert.True(passes > 0));

        var result = await Chain.VerifyAsync(_admin);

        Assert.True(result.Intact, result.Problem);
        await using var check = await _host.DbAsync();
        var total = await check.AuditEntries.CountAsync();
        Assert.Equal(writers * perWriter, await check.AuditEntries.CountAsync(e => e.Action == "test.concurrent"));
        Assert.Equal(total, result.EntriesChecked);
        Assert.Equal(0, await check.AuditEntries.CountAsync(e => e.Hash == null));
    }

    [Fact]
    public void The_SQL_Server_migration_creates_the_append_only_trigger()
    {
        using var db = DatabaseConfiguration.CreateStandaloneContext(new DatabaseOptions
        {
            Provider = nameof(DatabaseProvider.SqlServer),
            ConnectionString = "Server=localhost;Database=befree;Trusted_Connection=True;TrustServerCertificate=True",
        });

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TRIGGER [AuditEntries_AppendOnly] ON [AuditEntries]", script);
        Assert.Contains("INSTEAD OF UPDATE, DELETE", script);
        Assert.Contains("THROW 51000", script);
    }
}
