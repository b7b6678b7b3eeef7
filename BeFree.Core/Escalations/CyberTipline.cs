namespace BeFree.Core.Escalations;

/// <summary>
/// NCMEC's CyberTipline: its eight reporting categories and the report section of the packet, laid
/// out in the order of NCMEC's online form (category, when, where, who, online identifiers, what).
/// </summary>
public static class CyberTipline
{
    public const int MaxFactLength = 1000;

    public static readonly IReadOnlyList<CyberTiplineCategory> Categories = Enum.GetValues<CyberTiplineCategory>();

    public static string Describe(CyberTiplineCategory category) => category switch
    {
        CyberTiplineCategory.ChildPornography => "Possession, manufacture and distribution of child pornography",
        CyberTiplineCategory.OnlineEnticement => "Online enticement of children for sexual acts",
        CyberTiplineCategory.ChildSexTrafficking => "Child sex trafficking",
        CyberTiplineCategory.ChildSexTourism => "Child sex tourism",
        CyberTiplineCategory.ExtrafamilialMolestation => "Extrafamilial child sexual molestation",
        CyberTiplineCategory.UnsolicitedObsceneMaterial => "Unsolicited obscene material sent to a child",
        CyberTiplineCategory.MisleadingDomainName => "Misleading domain name",
        CyberTiplineCategory.MisleadingWordsOrImages => "Misleading words or digital images on the internet",
        _ => category.ToString(),
    };

    /// <summary>What the form starts with: a minor is involved when the reason or the basis says so.</summary>
    public static bool SuggestsMinor(EscalationReason reason, ReportBasis basis)
        => reason == EscalationReason.ExploitationOfMinor || basis == ReportBasis.MandatoryReportMinor;

    /// <summary>The lexicon raised its "a minor" suggestion on the conversation (RiskService writes "reason (category)").</summary>
    public static bool SuggestsMinor(string? suggestedRiskReason)
        => suggestedRiskReason?.Contains("(a minor)", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The packet's CyberTipline section; the description is the escalation's summary.</summary>
    public static PacketSection Section(CyberTiplineFacts facts, string description)
    {
        const string none = "Not provided";
        return new PacketSection("CyberTipline report", [
            new("Reporting category", facts.Category is { } c ? Describe(c) : none),
            new("A minor is involved", facts.InvolvesMinor ? "Yes" : "No"),
            new("Incident date and time", facts.IncidentUtc is { } when ? when.ToString("yyyy-MM-dd HH:mm") + " UTC" : none),
            new("Where it happened", Text(facts.Location) ?? none),
            new("People involved, as described", Text(facts.People) ?? none),
            new("Online identifiers (screen names, profiles, sites, numbers given)", Text(facts.OnlineIdentifiers) ?? none),
            new("Description of the incident", Text(description) ?? none),
        ]);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
