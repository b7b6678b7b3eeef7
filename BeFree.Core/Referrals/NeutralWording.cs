using System.Text.RegularExpressions;

namespace BeFree.Core.Referrals;

/// <summary>
/// The wording rule for referral texts (docs/decisions/0019-crm-webhooks.md): a trafficker may read
/// the texter's phone, so a referral names a person or a plain word and a number, never what the
/// organisation is or does. Words that reveal a shelter, the law, immigration, a rescue, a report
/// or the hotline itself are refused, as is the organisation's real name.
/// </summary>
public static partial class NeutralWording
{
    public static readonly IReadOnlyList<string> AlarmingWords =
    [
        "shelter", "safe house", "safehouse", "refuge", "traffic", "trafficking", "trafficked", "trafficker", "police", "cop", "cops",
        "sheriff", "fbi", "law enforcement", "detective", "immigration", "immigrant", "ice", "visa", "asylum", "deport", "deportation",
        "lawyer", "attorney", "legal", "legal aid", "court", "rights", "labor rights", "union", "victim", "victims", "abuse", "abused",
        "violence", "rescue", "escape", "report", "hotline", "exploitation", "exploited", "prostitution", "sex", "slavery", "forced",
        "crisis", "survivor", "survivors", "ngo", "charity", "case worker", "caseworker", "advocate", "befree", "polaris", "ncmec",
    ];

    /// <summary>The alarming words the text contains, as whole words, any case; empty when it is neutral.</summary>
    public static IReadOnlyList<string> FindAlarmingWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var words = " " + string.Join(' ', WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)) + " ";
        return AlarmingWords.Where(w => words.Contains(" " + w + " ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The text a referral starts from: a name, the number, the hours. The advocate may change it; the rule is checked again.</summary>
    public static string DefaultText(string neutralName, string phone, string? hours)
        => string.IsNullOrWhiteSpace(hours)
            ? $"You can call {neutralName.Trim()} at {phone.Trim()}."
            : $"You can call {neutralName.Trim()} at {phone.Trim()} ({hours.Trim()}).";

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
