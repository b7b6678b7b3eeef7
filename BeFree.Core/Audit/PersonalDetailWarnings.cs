using System.Text.RegularExpressions;

namespace BeFree.Core.Audit;

/// <summary>
/// Warns staff, while they type a reason, about what the audit log should not keep: names and
/// street addresses (phone numbers are removed anyway; the warning says so). A heuristic: it
/// misses some and flags some harmless text, so it only warns and never refuses.
/// </summary>
public static partial class PersonalDetailWarnings
{
    public const int MaxWarnings = 5;

    public static IReadOnlyList<string> Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var warnings = new List<string>();
        if (AuditRedaction.RemovePhoneNumbers(text) != text)
        {
            warnings.Add(AuditMessages.Get("Warning_Phone"));
        }
        foreach (var address in StreetAddress().Matches(text).Concat(UnitOrBox().Matches(text)).Select(m => m.Value.Trim()).Distinct())
        {
            warnings.Add(AuditMessages.Get("Warning_Address", address));
        }
        var names = Honorific().Matches(text).Concat(NameCue().Matches(text)).Select(m => m.Groups["name"].Value)
            .Concat(CapitalizedPair().Matches(text).Select(m => m.Value)
                .Where(pair => !pair.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(NotAName.Contains)))
            .Where(name => !NotAName.Contains(name))
            .Distinct();
        foreach (var name in names)
        {
            warnings.Add(AuditMessages.Get("Warning_Name", name));
        }
        return warnings.Take(MaxWarnings).ToList();
    }

    /// <summary>Capitalised words that are not names: days, months, roles, agencies, places of work.</summary>
    private static readonly HashSet<string> NotAName = new(StringComparer.OrdinalIgnoreCase)
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Police", "Department", "Sheriff", "County", "City", "State", "Office", "Federal", "Homeland", "Security", "Services",
        "Hotline", "BeFree", "Texter", "Advocate", "Shift", "Lead", "Admin", "Administrator", "Supervisor", "Staff",
        "Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Drive", "Court", "Way", "Place",
        "Highway", "Parkway", "Square", "Trail", "Box",
        "Officer", "Detective", "Agent", "Sergeant", "Deputy", "Mr", "Mrs", "Ms", "Dr",
        "English", "Spanish", "French", "The", "This", "That", "They", "She", "He", "We", "I",
    };

    /// <summary>A house number, up to three words, and a street type: "12 Elm Street", "4500 N Main St.".</summary>
    [GeneratedRegex(@"\b[0-9]{1,6}[A-Za-z]?\s+(?:[A-Za-z0-9'.\-]+\s+){0,3}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|highway|hwy|circle|parkway|pkwy|square|trail|crescent|close)\b\.?", RegexOptions.IgnoreCase)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(@"\b(?:apt|apartment|suite|unit)\.?\s*#?\s*[0-9][0-9A-Za-z\-]*|\bP\.?\s?O\.?\s*Box\s+[0-9]+", RegexOptions.IgnoreCase)]
    private static partial Regex UnitOrBox();

    [GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Officer|Detective|Det|Sgt|Sergeant|Agent|Deputy)\.?\s+(?<name>[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?)")]
    private static partial Regex Honorific();

    [GeneratedRegex(@"\b(?:[Nn]ame is|[Nn]amed|[Cc]alled|[Gg]oes by|[Cc]alls (?:herself|himself|themselves))\s+(?<name>[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?)")]
    private static partial Regex NameCue();

    /// <summary>Two capitalised words in a row that do not start a sentence: "spoke with Maria Lopez".</summary>
    [GeneratedRegex(@"(?<=[a-z0-9,;:]\s+)[A-Z][a-z'\-]+\s+[A-Z][a-z'\-]+")]
    private static partial Regex CapitalizedPair();
}
