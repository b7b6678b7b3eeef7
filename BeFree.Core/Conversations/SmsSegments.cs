namespace BeFree.Core.Conversations;

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>How many characters a reply has and how many SMS segments it will be billed and delivered as.</summary>
public sealed record SmsLength(int Characters, int Segments, SmsEncoding Encoding, int CharactersLeftInSegment);

/// <summary>
/// Segment count as carriers do it: GSM-7 fits 160 units in one message or 153 per part (characters
/// from the extension table, such as € or [, take two units); anything else (emoji, most non-Latin
/// scripts, curly quotes) switches the whole message to UCS-2 with 70, or 67 per part.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "^{}\\[~]|€\f";

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    public static SmsLength Measure(string? body)
    {
        body ??= "";
        var gsmUnits = 0;
        var isGsm = true;
        foreach (var c in body)
        {
            if (BasicSet.Contains(c)) gsmUnits += 1;
            else if (ExtensionSet.Contains(c)) gsmUnits += 2;
            else { isGsm = false; break; }
        }
        var (units, single, multi, encoding) = isGsm
            ? (gsmUnits, 160, 153, SmsEncoding.Gsm7)
            : (body.Length, 70, 67, SmsEncoding.Ucs2);
        var characters = new System.Globalization.StringInfo(body).LengthInTextElements;
        if (units == 0)
        {
            return new SmsLength(0, 0, encoding, single);
        }
        if (units <= single)
        {
            return new SmsLength(characters, 1, encoding, single - units);
        }
        var segments = (units + multi - 1) / multi;
        return new SmsLength(characters, segments, encoding, segments * multi - units);
    }
}
