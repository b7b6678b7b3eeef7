using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Core.Staff;

/// <summary>One of the signed-in person's own passkeys, as their account page lists it.</summary>
public sealed record StaffPasskey(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>
/// A person's own second factors: an authenticator app (TOTP) and passkeys. Shift leads and admins
/// must keep at least one: removing the last is refused here, checked against the database inside
/// the change's transaction, with the person's row locked so two removals cannot both pass.
/// Each call uses its own DI scope and is audited in the same transaction.
/// </summary>
public sealed class StaffSecondFactors(IServiceScopeFactory scopeFactory, AuditLog audit)
{
    public const int MaxPasskeyNameLength = 100;

    /// <summary>Why the last second factor cannot be removed, in the reader's language.</summary>
    public static string LastFactorMessage => StaffMessages.Get("LastFactor");

    public async Task<IReadOnlyList<StaffPasskey>> ListPasskeysAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        await RequireActiveAsync(db, actorId, cancellationToken);
        var passkeys = await db.UserPasskeys.AsNoTracking().Where(p => p.UserId == actorId).ToListAsync(cancellationToken);
        return passkeys
            .Select(p => new StaffPasskey(ToId(p.CredentialId), string.IsNullOrWhiteSpace(p.Data.Name) ? "Unnamed passkey" : p.Data.Name, p.Data.CreatedAt))
            .OrderBy(p => p.CreatedAt).ToList();
    }

    /// <summary>Whether the person has at least one passkey (read by the enrolment rule).</summary>
    public static Task<bool> HasPasskeyAsync(BeFreeDbContext db, string staffId, CancellationToken cancellationToken)
        => db.UserPasskeys.AsNoTracking().AnyAsync(p => p.UserId == staffId, cancellationToken);

    /// <summary>Stores a passkey the browser has just created and Identity has verified.</summary>
    public Task<string> AddPasskeyAsync(string actorId, UserPasskeyInfo passkey, CancellationToken cancellationToken = default)
        => ChangeAsync(actorId, async change =>
        {
            passkey.Name = DefaultName(passkey.CreatedAt);
            StaffAdministration.ThrowIfFailed(await change.Users.AddOrUpdatePasskeyAsync(change.User, passkey));
            change.Audit(AuditActions.PasskeyAdded, passkey.Name);
            return ToId(passkey.CredentialId);
        }, cancellationToken);

    public Task RenamePasskeyAsync(string actorId, string passkeyId, string name, CancellationToken cancellationToken = default)
        => ChangeAsync(actorId, async change =>
        {
            var trimmed = name?.Trim() ?? "";
            if (trimmed.Length is 0 or > MaxPasskeyNameLength)
            {
                throw new StaffRuleException(StaffMessages.Get("PasskeyName", MaxPasskeyNameLength));
            }
            var passkey = await FindAsync(change, passkeyId);
            var before = passkey.Name;
            passkey.Name = trimmed;
            StaffAdministration.ThrowIfFailed(await change.Users.AddOrUpdatePasskeyAsync(change.User, passkey));
            change.Audit(AuditActions.PasskeyRenamed, $"{before} → {trimmed}");
            return true;
        }, cancellationToken);

    /// <summary>Removes a passkey, unless it is the last second factor of someone whose role needs one.</summary>
    public Task RemovePasskeyAsync(string actorId, string passkeyId, CancellationToken cancellationToken = default)
        => ChangeAsync(actorId, async change =>
        {
            var passkey = await FindAsync(change, passkeyId);
            var others = await change.Db.UserPasskeys.CountAsync(p => p.UserId == actorId, cancellationToken) - 1;
            if (change.NeedsSecondFactor && others == 0 && !change.User.TwoFactorEnabled)
            {
                throw new StaffRuleException(LastFactorMessage);
            }
            StaffAdministration.ThrowIfFailed(await change.Users.RemovePasskeyAsync(change.User, passkey.CredentialId));
            // Other sessions were possibly signed in with this passkey: they end at their next request.
            StaffAdministration.ThrowIfFailed(await change.Users.UpdateSecurityStampAsync(change.User));
            change.Audit(AuditActions.PasskeyRemoved, passkey.Name);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Turns the authenticator app off and gives it a new key (to set up again), unless it is the
    /// last second factor of someone whose role needs one.
    /// </summary>
    public Task ResetOwnAuthenticatorAsync(string actorId, CancellationToken cancellationToken = default)
        => ChangeAsync(actorId, async change =>
        {
            if (change.NeedsSecondFactor && change.User.TwoFactorEnabled && !await HasPasskeyAsync(change.Db, actorId, cancellationToken))
            {
                throw new StaffRuleException(StaffMessages.Get("ResetAuthenticatorLast"));
            }
            StaffAdministration.ThrowIfFailed(await change.Users.SetTwoFactorEnabledAsync(change.User, false));
            StaffAdministration.ThrowIfFailed(await change.Users.ResetAuthenticatorKeyAsync(change.User));
            change.Audit(AuditActions.TwoFactorReset, "by the user");
            return true;
        }, cancellationToken);

    private static async Task<UserPasskeyInfo> FindAsync(SecondFactorChange change, string passkeyId)
    {
        byte[] credentialId;
        try
        {
            credentialId = FromId(passkeyId);
        }
        catch (FormatException)
        {
            throw new StaffRuleException(StaffMessages.Get("NoSuchPasskey"));
        }
        return await change.Users.GetPasskeyAsync(change.User, credentialId) ?? throw new StaffRuleException(StaffMessages.Get("NoSuchPasskey"));
    }

    private sealed record SecondFactorChange(BeFreeDbContext Db, UserManager<StaffUser> Users, StaffUser User, bool NeedsSecondFactor, AuditLog AuditLog)
    {
        public void Audit(string action, string? details = null)
            => AuditLog.Add(Db, new AuditActor(User.Id, User.DisplayName), action, "staff", User.Id, details);
    }

    private async Task<T> ChangeAsync<T>(string actorId, Func<SecondFactorChange, Task<T>> body, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RequireActiveAsync(db, actorId, cancellationToken);
        // The person's own row: their factor changes run one at a time, on every app server.
        await RowLocks.LockStaffAsync(db, actorId, cancellationToken);
        var user = await users.FindByIdAsync(actorId) ?? throw new StaffAuthorizationException(StaffMessages.Get("AccountGone"));
        var roles = await users.GetRolesAsync(user);
        var needsSecondFactor = !user.TwoFactorExempt && roles.Any(StaffRoles.RequiringTwoFactor.Contains);
        T result;
        try
        {
            result = await body(new SecondFactorChange(db, users, user, needsSecondFactor, audit));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new StaffRuleException(StaffMessages.Get("Conflict"));
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task RequireActiveAsync(BeFreeDbContext db, string? actorId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(actorId))
        {
            throw new StaffAuthorizationException(StaffMessages.Get("NotSignedIn"));
        }
        var active = await db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => (bool?)u.IsActive).FirstOrDefaultAsync(cancellationToken);
        if (active != true)
        {
            throw new StaffAuthorizationException(active is null ? StaffMessages.Get("AccountGone") : StaffMessages.Get("AccountDisabled"));
        }
    }

    private static string DefaultName(DateTimeOffset createdAt) => $"Passkey added {createdAt:yyyy-MM-dd HH:mm} UTC";

    /// <summary>A credential id as it travels in a form: base64url.</summary>
    public static string ToId(byte[] credentialId) => Convert.ToBase64String(credentialId).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromId(string id)
    {
        var base64 = id.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }
}
