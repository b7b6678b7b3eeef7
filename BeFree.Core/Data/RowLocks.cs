using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Data;

/// <summary>
/// Serialises a read-check-write sequence across requests and app servers, on every provider: a
/// no-op UPDATE of one row holds that row's write lock until the caller's transaction ends. On
/// PostgreSQL and SQL Server (read committed) the next statement of a waiting transaction then sees
/// what the first one committed; SQLite's single writer already serialises, and the same UPDATE
/// simply takes its write lock early.
/// </summary>
public static class RowLocks
{
    /// <summary>One member of staff's row: their claims count against their capacity one at a time.</summary>
    public static Task LockStaffAsync(BeFreeDbContext db, string staffId, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        return db.Users.Where(u => u.Id == staffId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.ConcurrencyStamp, u => u.ConcurrencyStamp), cancellationToken);
    }

    /// <summary>One role's row: changes that must leave at least one active Admin run one at a time.</summary>
    public static Task LockRoleAsync(BeFreeDbContext db, string roleName, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        var normalized = roleName.ToUpperInvariant();
        return db.Roles.Where(r => r.NormalizedName == normalized)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ConcurrencyStamp, r => r.ConcurrencyStamp), cancellationToken);
    }

    private static void RequireTransaction(BeFreeDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A row lock only lasts as long as the caller's transaction: begin one first.");
        }
    }
}
