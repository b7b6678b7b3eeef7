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

/// <summary>
/// Checks on free text typed by staff, with messages safe to show. <c>what</c> names the field in the reader's
/// language, as it reads after "Please enter" ("a summary", "un resumen"), from the caller's resources.
/// </summary>
internal static class TypedText
{
    public static string Require(string? value, string what, int maxLength, Func<string, Exception>? fail = null)
    {
        fail ??= message => new ConversationActionException(message);
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw fail(ConversationMessages.Get("Typed_Required", what));
        }
        if (trimmed.Length > maxLength)
        {
            throw fail(ConversationMessages.Get("Typed_TooLong", what, maxLength, trimmed.Length));
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
            throw fail(ConversationMessages.Get("Typed_TooLong", what, maxLength, trimmed.Length));
        }
        return trimmed;
    }
}
