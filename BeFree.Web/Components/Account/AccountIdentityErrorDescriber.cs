using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account;

/// <summary>
/// ASP.NET Core Identity's own error texts ("Incorrect password.", "Passwords must be at least 12 characters.") in the
/// reader's language, from AccountText (keys <c>Identity_{Code}</c>; the English is Identity's own wording). Identity
/// writes a description when the error happens, in the culture of the request or circuit that caused it.
/// </summary>
public sealed class AccountIdentityErrorDescriber : IdentityErrorDescriber
{
    /// <summary>
    /// The text to show for a refusal: the staff password rules' refusals (StaffPasswordValidator, by their codes) in the
    /// reader's language, everything else as described (Identity's own errors are already translated by this describer).
    /// </summary>
    public static string Describe(IdentityError error) => error.Code switch
    {
        "PasswordTooLong" => AccountText.Get("Refusal_PasswordTooLong", StaffPasswordValidator.MaximumLength),
        "PasswordTooCommon" or "PasswordKeyboardRun" or "PasswordRepeated" or "PasswordContainsEmail" => AccountText.Get("Refusal_" + error.Code),
        _ => error.Description,
    };

    private static IdentityError Error(string code) => new() { Code = code, Description = AccountText.Get("Identity_" + code) };

    private static IdentityError Error(string code, object? value)
        => new() { Code = code, Description = AccountText.Get("Identity_" + code, value ?? "") };

    public override IdentityError DefaultError() => Error(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure));
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken));
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed));
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated));
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), email);
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), role);
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), role);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword));
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled));
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), role);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), role);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));
}
