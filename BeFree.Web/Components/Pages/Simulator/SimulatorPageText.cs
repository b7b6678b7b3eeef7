using System.Globalization;
using System.Resources;

namespace BeFree.Web.Components.Pages.Simulator;

/// <summary>
/// The simulator's words: SimulatorPageText.resx (English) and SimulatorPageText.es.resx (Spanish). Components take
/// <c>IStringLocalizer&lt;SimulatorPageText&gt;</c> as <c>L</c>; the webhook sender (a service) reads <see cref="Get(string)"/>.
/// </summary>
public sealed class SimulatorPageText
{
    private static readonly ResourceManager Resources = new(typeof(SimulatorPageText).FullName!, typeof(SimulatorPageText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the reader's language (the key itself when missing, as IStringLocalizer does).</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary><see cref="Get(string)"/> with values filled in, numbers in the reader's format.</summary>
    public static string Get(string key, params object[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);
}
