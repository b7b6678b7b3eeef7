using System.Text.RegularExpressions;

namespace BeFree.Core.Conversations;

/// <summary>
/// Staff-written reasons go into audit details. The audit log must never hold a phone number, so
/// any run of digits long enough to be one is blanked, and the text is capped.
/// </summary>
internal static partial class AuditText
{
    public const int MaxReasonLength = 500;

    public static string Reason(string reason)
    {
        var cleaned = PhoneLike().Replace(reason.Trim(), "[number removed]");
        cleaned = cleaned.Replace('\r', ' ').Replace('\n', ' ');
        return cleaned.Length <= MaxReasonLength ? cleaned : cleaned[..MaxReasonLength];
    }

    /// <summary>Seven or more digits, allowing the separators people type inside numbers.</summary>
    [GeneratedRegex(@"\+?\d(?:[\s().\-]*\d){6,}")]
    private static partial Regex PhoneLike();
}

/// <summary>Checks on free text typed by staff, with messages safe to show.</summary>
internal static class StaffText
{
    public static string Require(string? value, string what, int maxLength, Func<string, Exception>? fail = null)
    {
        fail ??= message => new ConversationActionException(message);
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw fail($"Please enter {what}.");
        }
        if (trimmed.Length > maxLength)
        {
            throw fail($"The {what} can be at most {maxLength} characters (it has {trimmed.Length}).");
        }
        return trimmed;
    }

    public static string? Optional(string? value, string what, int maxLength, Func<string, Exception>? fail = null)
    {
        fail ??= message => new ConversationActionException(message);
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            throw fail($"The {what} can be at most {maxLength} characters (it has {trimmed.Length}).");
        }
        return trimmed;
    }
}
