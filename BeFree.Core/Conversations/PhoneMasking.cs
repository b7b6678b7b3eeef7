namespace BeFree.Core.Conversations;

/// <summary>
/// How a texter's number is shown to staff: only the last digits, so an advocate can tell two
/// texters apart without the number being readable over a shoulder or in a screenshot.
/// </summary>
public static class PhoneMasking
{
    private const string Dots = "•••";

    public static string Mask(string? phoneNumber)
    {
        if (string.IsNullOrWhiteSpace(phoneNumber))
        {
            return "unknown number";
        }
        var digits = new string(phoneNumber.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            return "hidden number";
        }
        var international = phoneNumber.TrimStart().StartsWith('+') || phoneNumber.Contains(":+", StringComparison.Ordinal);

        // North American numbering plan: +1 and ten digits.
        if (international && digits.Length == 11 && digits[0] == '1')
        {
            return $"+1 {Dots} {Dots} {digits[^4..]}";
        }
        // Short codes and other very short numbers: the last two digits are enough to tell them apart.
        if (digits.Length <= 6)
        {
            return new string('•', Math.Max(digits.Length - 2, 2)) + digits[^Math.Min(2, digits.Length)..];
        }
        return international
            ? $"+{Dots} {Dots} {digits[^4..]}"
            : $"{Dots} {Dots} {digits[^4..]}";
    }
}
