using Microsoft.AspNetCore.Identity;

namespace BeFree.Core.Staff;

/// <summary>
/// ASP.NET Core Identity's refusals a member of staff can meet (a short or wrong password, a taken email, a change
/// that crossed another), in the reader's language: Identity's own English, and Spanish from <see cref="StaffMessages"/>.
/// The codes stay Identity's, so nothing that checks a code changes.
/// </summary>
public sealed class StaffIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), StaffMessages.Get("Identity_DefaultError"));

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), StaffMessages.Get("Identity_ConcurrencyFailure"));

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), StaffMessages.Get("Identity_PasswordMismatch"));

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), StaffMessages.Get("Identity_InvalidToken"));

    public override IdentityError RecoveryCodeRedemptionFailed()
        => Error(nameof(RecoveryCodeRedemptionFailed), StaffMessages.Get("Identity_RecoveryCodeRedemptionFailed"));

    public override IdentityError InvalidUserName(string? userName)
        => Error(nameof(InvalidUserName), StaffMessages.Get("Identity_InvalidUserName", userName));

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), StaffMessages.Get("Identity_InvalidEmail", email));

    public override IdentityError DuplicateUserName(string userName)
        => Error(nameof(DuplicateUserName), StaffMessages.Get("Identity_DuplicateUserName", userName));

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), StaffMessages.Get("Identity_DuplicateEmail", email));

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), StaffMessages.Get("Identity_PasswordTooShort", length));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars)
        => Error(nameof(PasswordRequiresUniqueChars), StaffMessages.Get("Identity_PasswordRequiresUniqueChars", uniqueChars));

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
