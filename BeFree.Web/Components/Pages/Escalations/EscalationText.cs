using System.Globalization;
using System.Resources;
using BeFree.Core.Escalations;

namespace BeFree.Web.Components.Pages.Escalations;

/// <summary>
/// The escalation pages' words: EscalationText.resx (English) and EscalationText.es.resx (Spanish). Components take
/// <c>IStringLocalizer&lt;EscalationText&gt;</c> as <c>L</c>; the labels of escalation values read <see cref="Get"/>
/// with a culture, so the printed packet can ask for English (<see cref="Packet"/>) whatever the reader's language
/// (statuses and urgencies: <see cref="BeFree.Core.DisplayNames"/>; times: <see cref="BeFree.Core.Time.HotlineTime"/>).
/// </summary>
public sealed class EscalationText
{
    private static readonly ResourceManager Resources = new(typeof(EscalationText).FullName!, typeof(EscalationText).Assembly);

    /// <summary>
    /// The packet's language: always English. It is the official record sent to US law enforcement and NCMEC,
    /// read by agencies that work in English, so a Spanish-speaking advocate's packet reads the same as anyone's.
    /// </summary>
    public static readonly CultureInfo Packet = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The text for <paramref name="key"/> in <paramref name="culture"/> (the reader's by default; the key itself when missing).</summary>
    public static string Get(string key, CultureInfo? culture = null)
        => Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture) is { Length: > 0 } text ? text : key;

    /// <summary>Who took a step: "by Ana".</summary>
    public static string ByActor(string name, CultureInfo? culture = null)
        => string.Format(culture ?? CultureInfo.CurrentCulture, Get("ByActor", culture), name);

    public static string Reason(EscalationReason reason, CultureInfo? culture = null) => Get("Reason_" + reason, culture);

    public static string Basis(ReportBasis basis, CultureInfo? culture = null) => Get("Basis_" + basis, culture);

    public static string Event(EscalationEventKind kind, CultureInfo? culture = null) => Get("Event_" + kind, culture);

    /// <summary>A CyberTipline category on screen; the packet keeps NCMEC's English name (<see cref="CyberTipline.Describe"/>).</summary>
    public static string Category(CyberTiplineCategory category) => Get("Category_" + category);

    /// <summary>The status as it reads inside a sentence ("This escalation is {0}").</summary>
    public static string StatusPhrase(EscalationStatus status) => Get("StatusPhrase_" + status);

    /// <summary>Statuses from which the escalation can still be withdrawn.</summary>
    public static bool IsOpen(EscalationStatus status)
        => status is EscalationStatus.Draft or EscalationStatus.PendingApproval or EscalationStatus.Approved;
}
