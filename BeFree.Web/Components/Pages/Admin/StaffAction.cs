using BeFree.Core.Staff;

namespace BeFree.Web.Components.Pages.Admin;

public enum StaffActionKind
{
    Disable,
    Enable,
    ResetPassword,
    ResetTwoFactor,
}

/// <summary>A row action waiting for the Admin to confirm it.</summary>
public sealed record StaffAction(StaffActionKind Kind, StaffSummary Staff);

/// <summary>What a finished action tells the page: a notice, and a temporary password to show once.</summary>
public sealed record StaffActionResult(string Notice, IssuedPassword? Password = null);

/// <summary>A temporary password with the person it belongs to, held only until the Admin dismisses it.</summary>
public sealed record IssuedPassword(string DisplayName, string Email, string Password, bool IsNewAccount);
