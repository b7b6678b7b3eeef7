using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Staff;

/// <summary>The acting staff member as the database knows them now: roles are never taken from a stale cookie.</summary>
public sealed record StaffMember(string Id, string DisplayName, string Email, IReadOnlySet<string> Roles, int MaxConcurrentConversations)
{
    public bool IsInRole(string role) => Roles.Contains(role);
    public bool IsLeadOrAdmin => IsInRole(StaffRoles.ShiftLead) || IsInRole(StaffRoles.Admin);
}

public static class StaffAccess
{
    /// <summary>
    /// Loads the actor and checks they are active, past any pending step (a temporary password to
    /// replace, an authenticator to enrol), and (when roles are
    /// given) hold at least one of them. Throws <see cref="StaffAuthorizationException"/> otherwise.
    /// </summary>
    public static async Task<StaffMember> RequireAsync(BeFreeDbContext db, string? actorId, CancellationToken cancellationToken, params string[] anyOfRoles)
    {
        if (string.IsNullOrEmpty(actorId))
        {
            throw new StaffAuthorizationException(StaffMessages.Get("NotSignedIn"));
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actorId, cancellationToken)
            ?? throw new StaffAuthorizationException(StaffMessages.Get("AccountGone"));
        if (!user.IsActive)
        {
            throw new StaffAuthorizationException(StaffMessages.Get("AccountDisabled"));
        }
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where ur.UserId == actorId
                            select r.Name).ToListAsync(cancellationToken))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (user.MustChangePassword)
        {
            throw new StaffAuthorizationException(StaffMessages.Get("ChangePasswordFirst"));
        }
        // The passkey lookup only when nothing else already settles it.
        if (TwoFactorPolicy.MustEnrol(user, roles, hasPasskey: false) && !await StaffSecondFactors.HasPasskeyAsync(db, user.Id, cancellationToken))
        {
            throw new StaffAuthorizationException(StaffMessages.Get("SetUpTwoFactorFirst"));
        }
        if (anyOfRoles.Length > 0 && !anyOfRoles.Any(roles.Contains))
        {
            throw new StaffAuthorizationException(anyOfRoles.Length == 1
                ? StaffMessages.Get("NeedsRole", DisplayNames.Role(anyOfRoles[0]))
                : StaffMessages.Get("NeedsAnyRole", string.Join(", ", anyOfRoles.Select(DisplayNames.Role))));
        }
        return new StaffMember(user.Id, user.DisplayName, user.Email ?? "", roles, user.MaxConcurrentConversations);
    }
}

public static class TwoFactorPolicy
{
    /// <summary>Shift leads and admins must have an authenticator app or a passkey before anything else.</summary>
    public static bool MustEnrol(StaffUser user, IEnumerable<string> roles, bool hasPasskey)
        => !user.TwoFactorEnabled && !hasPasskey && !user.TwoFactorExempt && roles.Any(StaffRoles.RequiringTwoFactor.Contains);
}
