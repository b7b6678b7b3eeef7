using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Audit;

/// <summary>The result of checking the whole chain. <see cref="FirstBrokenId"/> names the first entry that fails.</summary>
public sealed record AuditChainVerification(
    bool Intact,
    long EntriesChecked,
    long? FirstBrokenId,
    string? Problem,
    long? HeadIndex,
    string? HeadHash,
    int UnsealedEntries,
    DateTime CheckedUtc);

/// <summary>
/// Makes the audit log tamper-evident. Writers insert entries with no hash; one sealer at a time
/// gives each unsealed entry, in Id order, the next chain position and
/// SHA-256(previous hash ‖ canonical fields). Chain order is seal order, so an entry whose
/// transaction commits late (a lower Id than one already sealed) simply joins the end; nothing
/// ever forks, because <see cref="AuditEntry.ChainIndex"/> is unique and sealing is a conditional
/// update of an unsealed row. The database allows exactly that one update (see the append-only
/// trigger); anything else is refused, and a change made around the trigger breaks the chain.
/// </summary>
public sealed class AuditChain(IDbContextFactory<BeFreeDbContext> dbFactory, TimeProvider clock, ILogger<AuditChain> logger)
{
    public const int HashLength = 64;
    public const int SealBatchSize = 200;

    /// <summary>The trigger each migrations project creates on AuditEntries.</summary>
    public const string AppendOnlyTrigger = "AuditEntries_AppendOnly";

    private const string CanonicalVersion = "befree-audit-v1";

    /// <summary>Seals every entry written so far. Returns how many this call sealed.</summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var sealedNow = await SealBatchAsync(cancellationToken);
            if (sealedNow == 0)
            {
                return total;
            }
            total += sealedNow;
        }
    }

    /// <summary>
    /// Seals up to <see cref="SealBatchSize"/> entries in one transaction. Returns 0 when nothing is
    /// left, or when another sealer (another app server) got there first: it finishes the work.
    /// </summary>
    private async Task<int> SealBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // ChainIndex and Hash are set together (the trigger allows nothing else); the ChainIndex index finds the unsealed.
        var pending = await db.AuditEntries.AsNoTracking().Where(e => e.ChainIndex == null)
            .OrderBy(e => e.Id).Take(SealBatchSize).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }
        var head = await db.AuditEntries.AsNoTracking().Where(e => e.ChainIndex != null)
            .OrderByDescending(e => e.ChainIndex).Select(e => new { e.ChainIndex, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var index = head?.ChainIndex ?? 0;
        var previous = head?.Hash;
        try
        {
            foreach (var entry in pending)
            {
                index++;
                entry.ChainIndex = index;
                var hash = ComputeHash(previous, entry);
                var id = entry.Id;
                var position = index;
                var rows = await db.AuditEntries
                    .Where(e => e.Id == id && e.Hash == null && e.ChainIndex == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(e => e.ChainIndex, position).SetProperty(e => e.Hash, hash), cancellationToken);
                if (rows != 1)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return 0;
                }
                previous = hash;
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or DbUpdateException && !cancellationToken.IsCancellationRequested)
        {
            // The unique chain position refused us: another sealer committed that position first and
            // carries on. Any other failure (the trigger refusing, the database gone) is not ours to hide.
            await transaction.RollbackAsync(CancellationToken.None);
            var position = index;
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await again.AuditEntries.AnyAsync(x => x.ChainIndex == position, cancellationToken))
            {
                throw;
            }
            logger.LogDebug(e, "Another sealer took audit chain position {ChainIndex} first.", position);
            return 0;
        }
        // Logged so the head can be compared with a copy kept outside the database: rewriting the
        // whole chain from a changed entry onwards is only visible against such a copy.
        logger.LogInformation("Audit log sealed up to entry {ChainIndex}: {Hash}", index, previous);
        return pending.Count;
    }

    /// <summary>Seals what is pending, then checks every entry in chain order. Active, enrolled Admins only.</summary>
    public async Task<AuditChainVerification> VerifyAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using (var check = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await StaffAccess.RequireAsync(check, actorId, cancellationToken, StaffRoles.Admin);
        }
        await SealAsync(cancellationToken);
        return await VerifyChainAsync(cancellationToken);
    }

    /// <summary>The check itself, without sealing first or asking who wants it.</summary>
    internal async Task<AuditChainVerification> VerifyChainAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unsealed = await db.AuditEntries.CountAsync(e => e.ChainIndex == null || e.Hash == null, cancellationToken);
        long expected = 1;
        string? previous = null;
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(e => e.ChainIndex != null)
                           .OrderBy(e => e.ChainIndex).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (entry.ChainIndex != expected)
            {
                return Broken(entry, expected - 1, previous,
                    AuditMessages.Get("Chain_Missing", expected, entry.ChainIndex));
            }
            if (entry.Hash is null || !string.Equals(ComputeHash(previous, entry), entry.Hash, StringComparison.Ordinal))
            {
                return Broken(entry, expected - 1, previous, AuditMessages.Get("Chain_Changed"));
            }
            previous = entry.Hash;
            expected++;
        }
        return new AuditChainVerification(true, expected - 1, null, null, expected > 1 ? expected - 1 : null, previous, unsealed, now);

        AuditChainVerification Broken(AuditEntry entry, long checkedBefore, string? head, string problem)
            => new(false, checkedBefore, entry.Id, problem, checkedBefore > 0 ? checkedBefore : null, head, unsealed, now);
    }

    /// <summary>
    /// SHA-256 over the previous hash (32 zero bytes for the first entry) and the entry's canonical
    /// fields: each field length-prefixed so no two entries share an encoding; the time in whole
    /// microseconds since 0001-01-01, the precision every provider keeps.
    /// </summary>
    public static string ComputeHash(string? previousHash, AuditEntry entry)
    {
        var canonical = new StringBuilder(CanonicalVersion);
        Append(canonical, entry.ChainIndex?.ToString(CultureInfo.InvariantCulture));
        Append(canonical, entry.Id.ToString(CultureInfo.InvariantCulture));
        Append(canonical, (entry.OccurredUtc.Ticks / 10).ToString(CultureInfo.InvariantCulture));
        Append(canonical, entry.ActorId);
        Append(canonical, entry.ActorName);
        Append(canonical, entry.Action);
        Append(canonical, entry.SubjectType);
        Append(canonical, entry.SubjectId);
        Append(canonical, entry.Details);

        var previous = previousHash is null ? new byte[32] : Convert.FromHexString(previousHash);
        var fields = Encoding.UTF8.GetBytes(canonical.ToString());
        var input = new byte[previous.Length + fields.Length];
        previous.CopyTo(input, 0);
        fields.CopyTo(input, previous.Length);
        return Convert.ToHexStringLower(SHA256.HashData(input));

        static void Append(StringBuilder builder, string? value)
        {
            builder.Append('|');
            if (value is null)
            {
                builder.Append('~');
                return;
            }
            builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }
    }
}
