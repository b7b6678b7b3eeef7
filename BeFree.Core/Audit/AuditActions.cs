namespace BeFree.Core.Audit;

/// <summary>Audit action names. Later features add their own constants here.</summary>
public static class AuditActions
{
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.lockedout";
    public const string SignInRefusedInactive = "signin.refused-inactive";
    public const string SignedOut = "signout";
    public const string PasswordChanged = "password.changed";
    public const string TwoFactorEnabled = "2fa.enabled";
    public const string TwoFactorRecoveryCodesGenerated = "2fa.recovery-codes";
    public const string TwoFactorRecoveryCodeUsed = "2fa.recovery-code-used";
    public const string TwoFactorReset = "2fa.reset";
    public const string FirstAdminCreated = "staff.first-admin";
    public const string StaffCreated = "staff.created";
    public const string StaffUpdated = "staff.updated";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";
    public const string StaffPasswordReset = "staff.password-reset";
    public const string StaffTwoFactorReset = "staff.2fa-reset";
}
