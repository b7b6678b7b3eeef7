using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Staff;

/// <summary>Reads and saves a person's own workstation settings. Each person changes only their own.</summary>
public sealed class StaffPreferencesService(IDbContextFactory<BeFreeDbContext> dbFactory)
{
    /// <summary>The person's settings, or the defaults for an unknown id (nobody signed in).</summary>
    public async Task<StaffPreferences> GetAsync(string staffId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(staffId))
        {
            return StaffPreferences.Default;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Users.AsNoTracking()
            .Where(u => u.Id == staffId)
            .Select(u => u.Preferences)
            .FirstOrDefaultAsync(cancellationToken);
        return StaffPreferences.FromStored(stored);
    }

    /// <summary>Saves the person's settings; false when the account no longer exists.</summary>
    public async Task<bool> SaveAsync(string staffId, StaffPreferences preferences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        if (string.IsNullOrEmpty(staffId))
        {
            return false;
        }
        var stored = preferences.ToStored();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only this column: the security stamp and concurrency stamp belong to Identity's own updates.
        var updated = await db.Users
            .Where(u => u.Id == staffId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Preferences, stored), cancellationToken);
        return updated == 1;
    }
}
