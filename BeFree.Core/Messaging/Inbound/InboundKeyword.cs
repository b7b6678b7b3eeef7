using System.Globalization;
using System.Text;

namespace BeFree.Core.Messaging.Inbound;

public enum InboundKeyword
{
    None,
    /// <summary>STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPT OUT (OPTOUT, OPT-OUT); Spanish PARAR, CANCELAR.</summary>
    OptOut,
    /// <summary>START, UNSTOP; Spanish COMENZAR.</summary>
    OptIn,
    /// <summary>HELP, INFO; Spanish AYUDA.</summary>
    Help,
}

/// <summary>
/// The carrier keywords (CTIA and the FCC's 2024 revocation rules). Twilio does not handle them on a
/// short code, so BeFree must.
/// <para>
/// Only a whole message counts, as carriers count it: "Stop", "stop.", " STOP ", "Stop!!" and
/// "opt-out" are keywords; "please stop calling me", "I can't stop crying" and "STOP please" are
/// ordinary texts for an advocate to read. Before matching, any case is accepted, and whitespace,
/// punctuation and plain symbols (such as <c>+ = $ ^ |</c>) are trimmed from both ends. Inside the
/// message, only the space or hyphen of "OPT OUT" / "OPT-OUT" is allowed. Emoji and other
/// pictographs are not trimmed: "STOP 🙏" reaches an advocate as a text, who can read it in context.
/// </para>
/// <para>
/// Spanish: PARAR and CANCELAR opt out, COMENZAR opts back in, AYUDA works like HELP (see docs/twilio.md
/// for why: carriers document English keywords, but the FCC's 2024 rule honours any reasonable way of
/// saying stop). Each is matched as a whole message only, like the English ones.
/// </para>
/// </summary>
public static class InboundKeywords
{
    private static readonly Dictionary<string, InboundKeyword> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STOP"] = InboundKeyword.OptOut,
        ["STOPALL"] = InboundKeyword.OptOut,
        ["UNSUBSCRIBE"] = InboundKeyword.OptOut,
        ["CANCEL"] = InboundKeyword.OptOut,
        ["END"] = InboundKeyword.OptOut,
        ["QUIT"] = InboundKeyword.OptOut,
        ["REVOKE"] = InboundKeyword.OptOut,
        ["OPTOUT"] = InboundKeyword.OptOut,
        ["OPT OUT"] = InboundKeyword.OptOut,
        ["OPT-OUT"] = InboundKeyword.OptOut,
        ["START"] = InboundKeyword.OptIn,
        ["UNSTOP"] = InboundKeyword.OptIn,
        ["PARAR"] = InboundKeyword.OptOut,
        ["CANCELAR"] = InboundKeyword.OptOut,
        ["COMENZAR"] = InboundKeyword.OptIn,
        ["AYUDA"] = InboundKeyword.Help,
        ["HELP"] = InboundKeyword.Help,
        ["INFO"] = InboundKeyword.Help,
    };

    /// <summary>Far longer than any keyword with its punctuation; a longer text is never one, so it is not scanned.</summary>
    private const int MaxMessageLength = 160;

    public static InboundKeyword Parse(string? body)
    {
        if (string.IsNullOrEmpty(body) || body.Length > MaxMessageLength)
        {
            return InboundKeyword.None;
        }
        var start = 0;
        var end = body.Length;
        while (start < end && IsTrimmable(body[start]))
        {
            start++;
        }
        while (end > start && IsTrimmable(body[end - 1]))
        {
            end--;
        }
        var core = CollapseSpaces(body.AsSpan(start, end - start));
        return Words.TryGetValue(core, out var keyword) ? keyword : InboundKeyword.None;
    }

    /// <summary>Whitespace, punctuation, invisible formatting and plain symbols; not emoji (surrogates or "other" symbols).</summary>
    private static bool IsTrimmable(char c)
    {
        if (char.IsWhiteSpace(c) || char.IsPunctuation(c))
        {
            return true;
        }
        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
            or UnicodeCategory.ModifierSymbol or UnicodeCategory.Format;
    }

    /// <summary>"OPT   OUT" (or a line break between the words) is read as "OPT OUT".</summary>
    private static string CollapseSpaces(ReadOnlySpan<char> text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (result.Length > 0 && result[^1] != ' ')
                {
                    result.Append(' ');
                }
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
