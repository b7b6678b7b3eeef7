using System.Globalization;
using System.Resources;

namespace BeFree.Web.Components.Layout;

/// <summary>
/// The layout's words: LayoutText.resx (English) and LayoutText.es.resx (Spanish). Components take
/// <c>IStringLocalizer&lt;LayoutText&gt;</c>; static tables such as <see cref="NavigationLinks"/> read <see cref="Get"/>.
/// </summary>
public sealed class LayoutText
{
    private static readonly ResourceManager Resources = new(typeof(LayoutText).FullName!, typeof(LayoutText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the reader's language (the key itself when missing, as IStringLocalizer does).</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
