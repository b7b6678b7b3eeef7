using System.Globalization;
using System.Text;

namespace BeFree.Core.Conversations;

/// <summary>
/// Lower case without accents ("Patrón" → "patron", "AÑO" → "ano"): texters often type without accents,
/// so word lists and the risk lexicon compare folded words.
/// </summary>
public static class TextFolding
{
    public static char Fold(char c)
    {
        var lower = char.ToLowerInvariant(c);
        if (lower < 128)
        {
            return lower;
        }
        var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark
            ? decomposed[0]
            : lower;
    }

    /// <summary>The folded words of a text: runs of letters (and digits), everything else separates.</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(Fold(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
