using System.Security.Cryptography;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Core.Staff;

public sealed record StaffSummary(
    string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsActive,
    bool TwoFactorEnabled, int MaxConcurrentConversations, DateTime? LastSignInUtc, bool MustChangePassword);

public sealed record NewStaff(string Email, string DisplayName, IReadOnlyCollection<string> Roles, int MaxConcurrentConversations = StaffDefaults.MaxConcurrentConversations);

public sealed record StaffChanges(string DisplayName, IReadOnlyCollection<string> Roles, int MaxConcurrentConversations);

/// <summary>The result of creating an account or resetting a password: the temporary password is shown once.</summary>
public sealed record TemporaryPassword(string StaffId, string Password);

/// <summary>
/// Admin staff management. Every method re-checks on the server that the actor is an active,
/// enrolled Admin, and refuses to leave the hotline without an active Admin.
/// Each call uses its own DI scope, so no UserManager or DbContext outlives one operation.
/// </summary>
public sealed class StaffAdministration(IServiceScopeFactory scopeFactory, AuditLog audit, TimeProvider clock)
{
    public const int MaxCapacity = 20;

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
        return users.Select(u => new StaffSummary(u.Id, u.DisplayName, u.Email ?? "",
            rolesByUser[u.Id].OrderBy(r => r).ToList(), u.IsActive, u.TwoFactorEnabled,
            u.MaxConcurrentConversations, u.LastSignInUtc, u.MustChangePassword)).ToList();
    }

    public async Task<TemporaryPassword> CreateAsync(string actorId, NewStaff request, CancellationToken cancellationToken = default)
    {
        ValidateRoles(request.Roles);
        ValidateCapacity(request.MaxConcurrentConversations);
        var displayName = RequireDisplayName(request.DisplayName);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();

        var email = request.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new StaffRuleException("An account with that email already exists.");
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
        ThrowIfFailed(await users.CreateAsync(user, password));
        ThrowIfFailed(await users.AddToRolesAsync(user, request.Roles.Distinct()));
        await audit.WriteAsync(Actor(actor), AuditActions.StaffCreated, "staff", user.Id,
            $"roles={string.Join('+', request.Roles.Order())}; capacity={request.MaxConcurrentConversations}", cancellationToken);
        return new TemporaryPassword(user.Id, password);
    }

    public async Task UpdateAsync(string actorId, string staffId, StaffChanges changes, CancellationToken cancellationToken = default)
    {
        ValidateRoles(changes.Roles);
        ValidateCapacity(changes.MaxConcurrentConversations);
        var displayName = RequireDisplayName(changes.DisplayName);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staffId) ?? throw new StaffRuleException("No such staff member.");
        var current = await users.GetRolesAsync(user);
        var wanted = changes.Roles.ToHashSet();

        if (current.Contains(StaffRoles.Admin) && !wanted.Contains(StaffRoles.Admin) && user.IsActive)
        {
            await EnsureAnotherActiveAdminAsync(db, user.Id, "demote", cancellationToken);
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
        await audit.WriteAsync(Actor(actor), AuditActions.StaffUpdated, "staff", user.Id,
            $"roles={string.Join('+', wanted.Order())}; capacity={changes.MaxConcurrentConversations}", cancellationToken);
    }

    public async Task SetActiveAsync(string actorId, string staffId, bool active, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staffId) ?? throw new StaffRuleException("No such staff member.");
        if (user.IsActive == active)
        {
            return; // A double click: already done.
        }
        if (!active && await users.IsInRoleAsync(user, StaffRoles.Admin))
        {
            await EnsureAnotherActiveAdminAsync(db, user.Id, "disable", cancellationToken);
        }
        user.IsActive = active;
        ThrowIfFailed(await users.UpdateAsync(user));
        // A new security stamp ends the person's open sessions at the next revalidation.
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await audit.WriteAsync(Actor(actor), active ? AuditActions.StaffEnabled : AuditActions.StaffDisabled, "staff", user.Id,
            cancellationToken: cancellationToken);
    }

    public async Task<TemporaryPassword> ResetPasswordAsync(string actorId, string staffId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staffId) ?? throw new StaffRuleException("No such staff member.");
        var password = GenerateTemporaryPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        ThrowIfFailed(await users.ResetPasswordAsync(user, token, password));
        user.MustChangePassword = true;
        ThrowIfFailed(await users.UpdateAsync(user));
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await audit.WriteAsync(Actor(actor), AuditActions.StaffPasswordReset, "staff", user.Id, cancellationToken: cancellationToken);
        return new TemporaryPassword(user.Id, password);
    }

    public async Task ResetTwoFactorAsync(string actorId, string staffId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staffId) ?? throw new StaffRuleException("No such staff member.");
        ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false));
        ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
        // Old recovery codes must not outlive the reset.
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await audit.WriteAsync(Actor(actor), AuditActions.StaffTwoFactorReset, "staff", user.Id, cancellationToken: cancellationToken);
    }

    private static async Task EnsureAnotherActiveAdminAsync(BeFreeDbContext db, string staffId, string verb, CancellationToken cancellationToken)
    {
        var otherActiveAdmins = await (from ur in db.UserRoles
                                       join r in db.Roles on ur.RoleId equals r.Id
                                       join u in db.Users on ur.UserId equals u.Id
                                       where r.Name == StaffRoles.Admin && u.IsActive && u.Id != staffId
                                       select u.Id).CountAsync(cancellationToken);
        if (otherActiveAdmins == 0)
        {
            throw new StaffRuleException($"You cannot {verb} the last active Admin.");
        }
    }

    private static AuditActor Actor(StaffMember actor) => new(actor.Id, actor.DisplayName);

    private static void ValidateRoles(IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0)
        {
            throw new StaffRuleException("Choose at least one role.");
        }
        var unknown = roles.Where(r => !StaffRoles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new StaffRuleException($"Unknown role: {string.Join(", ", unknown)}.");
        }
    }

    private static void ValidateCapacity(int capacity)
    {
        if (capacity is < 1 or > MaxCapacity)
        {
            throw new StaffRuleException($"Capacity must be between 1 and {MaxCapacity} conversations.");
        }
    }

    private static string RequireDisplayName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 100)
        {
            throw new StaffRuleException("A display name of 1 to 100 characters is required.");
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
