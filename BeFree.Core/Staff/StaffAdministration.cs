using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Core.Staff;

public sealed record StaffSummary(
    string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsActive,
    bool TwoFactorEnabled, int MaxConcurrentConversations, DateTime? LastSignInUtc, bool MustChangePassword, bool HasPasskey = false)
{
    /// <summary>The second factors the account has, as the staff list shows them, in the reader's language.</summary>
    public string SecondFactors => (TwoFactorEnabled, HasPasskey) switch
    {
        (true, true) => StaffMessages.Get("Factors_Both"),
        (true, false) => StaffMessages.Get("Factors_App"),
        (false, true) => StaffMessages.Get("Factors_Passkey"),
        _ => StaffMessages.Get("Factors_None"),
    };
}

public sealed record NewStaff(string Email, string DisplayName, IReadOnlyCollection<string> Roles, int MaxConcurrentConversations = StaffDefaults.MaxConcurrentConversations);

public sealed record StaffChanges(string DisplayName, IReadOnlyCollection<string> Roles, int MaxConcurrentConversations);

/// <summary>The result of creating an account or resetting a password: the temporary password is shown once.</summary>
public sealed record TemporaryPassword(string StaffId, string Password);

/// <summary>
/// Admin staff management. Every method re-checks on the server that the actor is an active,
/// enrolled Admin, and refuses to leave the hotline without an active Admin.
/// Each call uses its own DI scope, so no UserManager or DbContext outlives one operation.
/// </summary>
public sealed class StaffAdministration(IServiceScopeFactory scopeFactory, AuditLog audit, TimeProvider clock,
    BeFree.Core.Conversations.StaffPresenceRegistry presence)
{
    public const int MaxCapacity = 20;
    public const int MaxEmailLength = 256;

    // Changes run one at a time: a double click cannot create two accounts, and two Admins
    // disabling each other at the same moment cannot both pass the last-active-Admin check.
    private readonly SemaphoreSlim _changeGate = new(1, 1);

    public async Task<IReadOnlyList<StaffSummary>> ListAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        return await ListInternalAsync(db, null, cancellationToken);
    }

    public async Task<StaffSummary?> GetAsync(string actorId, string staffId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        return (await ListInternalAsync(db, staffId, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<StaffSummary>> ListInternalAsync(BeFreeDbContext db, string? onlyId, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => onlyId == null || u.Id == onlyId)
            .OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var rolesByUser = roles.Where(r => r.Name != null).ToLookup(r => r.UserId, r => r.Name!);
        var withPasskey = (await db.UserPasskeys.AsNoTracking().Where(p => onlyId == null || p.UserId == onlyId)
            .Select(p => p.UserId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        return users.Select(u => new StaffSummary(u.Id, u.DisplayName, u.Email ?? "",
            rolesByUser[u.Id].OrderBy(r => r).ToList(), u.IsActive, u.TwoFactorEnabled,
            u.MaxConcurrentConversations, u.LastSignInUtc, u.MustChangePassword, withPasskey.Contains(u.Id))).ToList();
    }

    public Task<TemporaryPassword> CreateAsync(string actorId, NewStaff request, CancellationToken cancellationToken = default)
        => ChangeAsync(actorId, async change =>
        {
            var email = RequireEmail(request.Email);
            var displayName = RequireDisplayName(request.DisplayName);
            var roles = ValidateRoles(request.Roles);
            ValidateCapacity(request.MaxConcurrentConversations);
            if (await change.Users.FindByEmailAsync(email) is not null)
            {
                throw new StaffRuleException(StaffMessages.Get("EmailExists"));
            }
            var user = new StaffUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = displayName,
                MaxConcurrentConversations = request.MaxConcurrentConversations,
                MustChangePassword = true,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            var password = GenerateTemporaryPassword();
            ThrowIfFailed(await change.Users.CreateAsync(user, password));
            ThrowIfFailed(await change.Users.AddToRolesAsync(user, roles));
            change.Audit(AuditActions.StaffCreated, user.Id, $"roles={string.Join('+', roles)}; capacity={request.MaxConcurrentConversations}");
            return new TemporaryPassword(user.Id, password);
        }, cancellationToken);

    public Task UpdateAsync(string actorId, string staffId, StaffChanges changes, CancellationToken cancellationToken = default)
        => ChangeAsync(actorId, async change =>
        {
            var displayName = RequireDisplayName(changes.DisplayName);
            var wanted = ValidateRoles(changes.Roles);
            ValidateCapacity(changes.MaxConcurrentConversations);
            var users = change.Users;
            var user = await FindAsync(users, staffId);
            var current = await users.GetRolesAsync(user);

            if (current.Contains(StaffRoles.Admin) && !wanted.Contains(StaffRoles.Admin) && user.IsActive)
            {
                await EnsureAnotherActiveAdminAsync(change.Db, user.Id, StaffMessages.Get("LastAdmin_Demote"), cancellationToken);
            }

            user.DisplayName = displayName;
            user.MaxConcurrentConversations = changes.MaxConcurrentConversations;
            ThrowIfFailed(await users.UpdateAsync(user));
            var removed = current.Except(wanted).ToList();
            var added = wanted.Except(current).ToList();
            if (removed.Count > 0) ThrowIfFailed(await users.RemoveFromRolesAsync(user, removed));
            if (added.Count > 0) ThrowIfFailed(await users.AddToRolesAsync(user, added));
            if (removed.Count > 0 || added.Count > 0)
            {
                // Roles live in the cookie: a new stamp makes open sessions pick up the change (or end) within a minute.
                ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
            }
            change.Audit(AuditActions.StaffUpdated, user.Id, $"roles={string.Join('+', wanted)}; capacity={changes.MaxConcurrentConversations}");
            return true;
        }, cancellationToken);

    public async Task SetActiveAsync(string actorId, string staffId, bool active, CancellationToken cancellationToken = default)
    {
        await SetActiveInDatabaseAsync(actorId, staffId, active, cancellationToken);
        // After the commit (and also on a repeated click): the board shows a disabled person offline at once,
        // not when their open screen finally closes.
        presence.SetAccountDisabled(staffId, !active);
    }

    private Task SetActiveInDatabaseAsync(string actorId, string staffId, bool active, CancellationToken cancellationToken)
        => ChangeAsync(actorId, async change =>
        {
            var users = change.Users;
            var user = await FindAsync(users, staffId);
            if (user.IsActive == active)
            {
                return false; // A double click: already done.
            }
            if (!active && await users.IsInRoleAsync(user, StaffRoles.Admin))
            {
                await EnsureAnotherActiveAdminAsync(change.Db, user.Id, StaffMessages.Get("LastAdmin_Disable"), cancellationToken);
            }
            if (!active && user.Id == change.Actor.Id)
            {
                // Would end this very session; another Admin must do it deliberately.
                throw new StaffRuleException(StaffMessages.Get("DisableSelf"));
            }
            user.IsActive = active;
            // A new security stamp ends the person's open sessions at the next revalidation.
            ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
            change.Audit(active ? AuditActions.StaffEnabled : AuditActions.StaffDisabled, user.Id);
            return true;
        }, cancellationToken);

    public Task<TemporaryPassword> ResetPasswordAsync(string actorId, string staffId, CancellationToken cancellationToken = default)
        => ChangeAsync(actorId, async change =>
        {
            var users = change.Users;
            var user = await FindAsync(users, staffId);
            var password = GenerateTemporaryPassword();
            var token = await users.GeneratePasswordResetTokenAsync(user);
            user.MustChangePassword = true;
            // Saves the flag too, and rotates the security stamp so sessions signed in with the old password end.
            ThrowIfFailed(await users.ResetPasswordAsync(user, token, password));
            ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
            if (await users.GetLockoutEnabledAsync(user))
            {
                ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
            }
            change.Audit(AuditActions.StaffPasswordReset, user.Id);
            return new TemporaryPassword(user.Id, password);
        }, cancellationToken);

    public Task ResetTwoFactorAsync(string actorId, string staffId, CancellationToken cancellationToken = default)
        => ChangeAsync(actorId, async change =>
        {
            var users = change.Users;
            var user = await FindAsync(users, staffId);
            ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false));
            ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
            // Old recovery codes must not outlive the reset.
            ThrowIfFailed(await users.RemoveAuthenticationTokenAsync(user, RecoveryCodeStore.LoginProvider, RecoveryCodeStore.TokenName));
            // A lost phone or laptop may hold a passkey too: the person enrols afresh.
            var passkeys = await users.GetPasskeysAsync(user);
            foreach (var passkey in passkeys)
            {
                ThrowIfFailed(await users.RemovePasskeyAsync(user, passkey.CredentialId));
            }
            ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
            change.Audit(AuditActions.StaffTwoFactorReset, user.Id, passkeys.Count > 0 ? $"passkeys removed={passkeys.Count}" : null);
            return true;
        }, cancellationToken);

    /// <summary>Where Identity's user store keeps recovery codes (an AspNetUserTokens row).</summary>
    internal static class RecoveryCodeStore
    {
        public const string LoginProvider = "[AspNetUserStore]";
        public const string TokenName = "RecoveryCodes";
    }

    private sealed record StaffChange(BeFreeDbContext Db, UserManager<StaffUser> Users, StaffMember Actor, AuditLog AuditLog)
    {
        /// <summary>Adds the audit row to the change's own context, so it commits with the change or not at all.</summary>
        public void Audit(string action, string staffId, string? details = null)
            => AuditLog.Add(Db, new AuditActor(Actor.Id, Actor.DisplayName), action, "staff", staffId, details);
    }

    /// <summary>
    /// Runs one change: one at a time, only for an active enrolled Admin, in one transaction with
    /// its audit entry. UserManager shares the scope's context, so its saves join the transaction.
    /// </summary>
    private async Task<T> ChangeAsync<T>(string actorId, Func<StaffChange, Task<T>> body, CancellationToken cancellationToken)
    {
        await _changeGate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
            var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The gate orders changes within this server; the row lock orders them across servers.
            await RowLocks.LockRoleAsync(db, StaffRoles.Admin, cancellationToken);
            T result;
            try
            {
                result = await body(new StaffChange(db, users, actor, audit));
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another process got there first (for example the same email at the same moment).
                throw new StaffRuleException(StaffMessages.Get("Conflict"));
            }
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _changeGate.Release();
        }
    }

    private static async Task<StaffUser> FindAsync(UserManager<StaffUser> users, string staffId)
        => (string.IsNullOrEmpty(staffId) ? null : await users.FindByIdAsync(staffId))
            ?? throw new StaffRuleException(StaffMessages.Get("NoSuchStaff"));

    /// <param name="refusal">What to say when the change would leave no active Admin, in the reader's language.</param>
    private static async Task EnsureAnotherActiveAdminAsync(BeFreeDbContext db, string staffId, string refusal, CancellationToken cancellationToken)
    {
        var otherActiveAdmins = await (from ur in db.UserRoles
                                       join r in db.Roles on ur.RoleId equals r.Id
                                       join u in db.Users on ur.UserId equals u.Id
                                       where r.Name == StaffRoles.Admin && u.IsActive && u.Id != staffId
                                       select u.Id).CountAsync(cancellationToken);
        if (otherActiveAdmins == 0)
        {
            throw new StaffRuleException(refusal);
        }
    }

    /// <summary>Known roles, each once, in a stable order. Throws when none or an unknown one is given.</summary>
    private static List<string> ValidateRoles(IReadOnlyCollection<string>? roles)
    {
        if (roles is null || roles.Count == 0)
        {
            throw new StaffRuleException(StaffMessages.Get("ChooseRole"));
        }
        var unknown = roles.Where(r => !StaffRoles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new StaffRuleException(StaffMessages.Get("UnknownRole", string.Join(", ", unknown)));
        }
        return StaffRoles.All.Where(roles.Contains).ToList();
    }

    private static void ValidateCapacity(int capacity)
    {
        if (capacity is < 1 or > MaxCapacity)
        {
            throw new StaffRuleException(StaffMessages.Get("Capacity", MaxCapacity));
        }
    }

    private static string RequireEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxEmailLength || !new EmailAddressAttribute().IsValid(trimmed))
        {
            throw new StaffRuleException(StaffMessages.Get("Email"));
        }
        return trimmed;
    }

    private static string RequireDisplayName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 100)
        {
            throw new StaffRuleException(StaffMessages.Get("DisplayName"));
        }
        return trimmed;
    }

    internal static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new StaffRuleException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Four groups of lowercase letters and digits: long, random, and easy to read out.</summary>
    public static string GenerateTemporaryPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var groups = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(alphabet, 5));
        return string.Join('-', groups);
    }
}
