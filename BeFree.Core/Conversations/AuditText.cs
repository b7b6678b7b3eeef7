using BeFree.Core.Audit;

namespace BeFree.Core.Conversations;

/// <summary>
/// Staff-written reasons go into audit details: one line, capped, phone numbers blanked (the audit
/// log blanks them again in all details, <see cref="AuditRedaction.RemovePhoneNumbers"/>).
/// </summary>
internal static class AuditText
{
    public const int MaxReasonLength = 500;

    public static string Reason(string reason)
    {
        var cleaned = AuditRedaction.RemovePhoneNumbers(reason.Trim().Replace('\r', ' ').Replace('\n', ' '));
        return cleaned.Length <= MaxReasonLength ? cleaned : cleaned[..MaxReasonLength];
    }
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
