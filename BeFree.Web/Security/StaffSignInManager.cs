using BeFree.Core.Audit;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BeFree.Web.Security;

/// <summary>
/// Identity's sign-in with the hotline's rules: disabled staff cannot sign in, lockout always
/// counts failures, and every outcome is audited here, in one place.
/// </summary>
internal sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    AuditLog audit,
    TimeProvider clock)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(StaffUser user)
        => user.IsActive && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByEmailAsync(userName.Trim());
        if (user is null)
        {
            // Same work and message as a wrong password, so the page does not reveal who has an account.
            UserManager.PasswordHasher.HashPassword(new StaffUser(), password);
            await audit.WriteAsync(AuditActor.Anonymous("unknown account"), AuditActions.SignInFailed, details: "unknown email");
            return SignInResult.Failed;
        }
        if (!user.IsActive)
        {
            // Only someone who knows the password learns that the account is disabled; anyone else
            // gets the answer an unknown email gets, after the same work.
            var knowsPassword = await UserManager.CheckPasswordAsync(user, password);
            var refused = knowsPassword ? SignInResult.NotAllowed : SignInResult.Failed;
            await AuditAsync(user, refused, "password");
            return refused;
        }
        // Lockout is always on: the parameter from callers is ignored on purpose.
        var result = await PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // Identity answers a locked account before hashing anything: do the same work as a wrong
            // password, so the time taken does not tell which emails have (locked) accounts either.
            UserManager.PasswordHasher.HashPassword(user, password);
        }
        await AuditAsync(user, result, "password");
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (user is not null)
        {
            await AuditAsync(user, result, "authenticator code");
        }
        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (user is not null)
        {
            await AuditAsync(user, result, "recovery code");
            if (result.Succeeded)
            {
                await audit.WriteAsync(Actor(user), AuditActions.TwoFactorRecoveryCodeUsed, "staff", user.Id);
            }
        }
        return result;
    }

    /// <summary>
    /// Identity's passkey sign-in, audited: the assertion is verified, then the same checks as a
    /// password (disabled, locked out) apply. A passkey is phishing-resistant and user-verified, so no
    /// second factor follows.
    /// </summary>
    public override async Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        var assertion = await PerformPasskeyAssertionAsync(credentialJson);
        if (!assertion.Succeeded)
        {
            await audit.WriteAsync(AuditActor.Anonymous("unknown passkey"), AuditActions.SignInFailed, details: "passkey not accepted");
            return SignInResult.Failed;
        }
        var user = assertion.User;
        var refused = await PreSignInCheck(user);
        if (refused is not null)
        {
            await AuditAsync(user, refused, "passkey");
            return refused;
        }
        // The new signature count and flags, so a cloned authenticator shows up.
        var updated = await UserManager.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        if (!updated.Succeeded)
        {
            await AuditAsync(user, SignInResult.Failed, "passkey");
            return SignInResult.Failed;
        }
        var result = await SignInOrTwoFactorAsync(user, isPersistent: false, loginProvider: null, bypassTwoFactor: true);
        await AuditAsync(user, result, "passkey");
        return result;
    }

    /// <summary>
    /// After the right password: a Shift lead or Admin whose only second factor is a passkey must use
    /// it. A password alone is one factor, and their role needs two.
    /// </summary>
    protected override async Task<SignInResult> SignInOrTwoFactorAsync(StaffUser user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false)
    {
        if (!bypassTwoFactor && loginProvider is null && !user.TwoFactorEnabled && !user.TwoFactorExempt
            && (await UserManager.GetRolesAsync(user)).Any(StaffRoles.RequiringTwoFactor.Contains)
            && (await UserManager.GetPasskeysAsync(user)).Count > 0)
        {
            return PasskeyRequired.Instance;
        }
        return await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor);
    }

    private async Task AuditAsync(StaffUser user, SignInResult result, string method)
    {
        if (result is PasskeyRequired)
        {
            await audit.WriteAsync(Actor(user), AuditActions.SignInFailed, "staff", user.Id, "password without the passkey the role needs");
        }
        else if (result.Succeeded)
        {
            user.LastSignInUtc = clock.GetUtcNow().UtcDateTime;
            await UserManager.UpdateAsync(user);
            await audit.WriteAsync(Actor(user), AuditActions.SignInSucceeded, "staff", user.Id, method);
        }
        else if (result.RequiresTwoFactor)
        {
            // Password accepted; the sign-in completes (and is audited) after the second factor.
        }
        else if (result.IsLockedOut)
        {
            await audit.WriteAsync(Actor(user), AuditActions.SignInLockedOut, "staff", user.Id, method);
        }
        else if (result.IsNotAllowed)
        {
            await audit.WriteAsync(Actor(user), AuditActions.SignInRefusedInactive, "staff", user.Id, method);
        }
        else
        {
            await audit.WriteAsync(Actor(user), AuditActions.SignInFailed, "staff", user.Id, method);
        }
    }

    private static AuditActor Actor(StaffUser user) => new(user.Id, user.DisplayName);
}

/// <summary>The password was right, but this account's second factor is a passkey: sign in with it.</summary>
public sealed class PasskeyRequired : SignInResult
{
    public static readonly PasskeyRequired Instance = new();

    private PasskeyRequired()
    {
    }
}
