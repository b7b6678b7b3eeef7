using BeFree.Core.Staff;

namespace BeFree.Web.Components.Account.Shared;

/// <summary>
/// The email-name rule as the pages state it before anyone submits: a password may not contain the part of the
/// email address before the @ when that part has 4 or more characters (StaffPasswordValidator enforces it).
/// </summary>
public static class EmailNameRule
{
    public const int MinimumLength = 4;

    /// <summary>Said next to a new-password field when the email is not known yet (first set-up), in the reader's language.</summary>
    public static string Hint => AccountText.Get("Hint_Unknown", StaffPasswordValidator.MinimumLength, StaffPasswordValidator.MaximumLength);

    /// <summary>The name part the rule forbids, or null when the address has none long enough to count.</summary>
    public static string? NameOf(string? email)
        => email is { Length: > 0 } && email.Split('@')[0] is { Length: >= MinimumLength } name ? name : null;

    /// <summary>Said next to the field when the person's email is known.</summary>
    public static string HintFor(string? email)
        => NameOf(email) is { } name
            ? AccountText.Get("Hint_Named", StaffPasswordValidator.MinimumLength, StaffPasswordValidator.MaximumLength, name)
            : AccountText.Get("Hint_Plain", StaffPasswordValidator.MinimumLength, StaffPasswordValidator.MaximumLength);
}
