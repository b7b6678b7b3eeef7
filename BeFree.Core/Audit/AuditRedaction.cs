using System.Text.RegularExpressions;

namespace BeFree.Core.Audit;

/// <summary>
/// The audit log must never hold a phone number. <see cref="AuditLog"/> passes every entry's details
/// through <see cref="RemovePhoneNumbers"/>, whoever wrote them, so a reason typed by staff cannot
/// carry one in (whatever the format: +1 (555) 123-4567, 555.123.4567, 5551234567, +44 20 7946 0958).
/// </summary>
public static partial class AuditRedaction
{
    public const string Replacement = "[number removed]";

    /// <summary>
    /// Blanks every run of 7 to 15 digits written the way people write numbers (spaces, dots, dashes,
    /// slashes, brackets between the digits; a leading +). Left alone, because code writes them
    /// and they are not numbers to call: ISO dates, digits inside a longer token (a staff id's GUID,
    /// the fraction of a timestamp), and a bare id of at most 9 digits that is a whole
    /// <c>key=value</c> value (<c>message=1234567</c>). Reasons reach the details through
    /// <c>reason=</c> after <see cref="Conversations.AuditText"/> has already blanked any digit run.
    /// </summary>
    public static string RemovePhoneNumbers(string text)
        => text.Length == 0 ? text : PhoneNumber().Replace(text, match => IsCodeWritten(text, match) ? match.Value : Replacement);

    private static bool IsCodeWritten(string text, Match match)
    {
        var value = match.Value;
        if (IsoDate().IsMatch(value))
        {
            return true;
        }
        var end = match.Index + match.Length;
        return value.Length <= 9 && value.All(char.IsAsciiDigit)
            && match.Index > 0 && text[match.Index - 1] == '='
            && (end == text.Length || text[end] is ';' or ',');
    }

    // Not inside a longer token: no letter or digit just before (or before a joining - . /, or a digit and :), and none
    // just after (or after a joining - : /, or a dot followed by a digit).
    [GeneratedRegex(@"(?<![0-9A-Za-z]|[0-9A-Za-z][\-./]|[0-9]:)(?:\+\s?)?\(?[0-9](?:[ \t().\-/]{0,3}[0-9]){6,14}(?![0-9A-Za-z]|[\-:/][0-9A-Za-z]|\.[0-9])")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex IsoDate();
}
