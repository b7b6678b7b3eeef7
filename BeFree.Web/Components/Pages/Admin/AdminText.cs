using System.Globalization;
using System.Resources;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>
/// The administration pages' words: AdminText.resx (English) and AdminText.es.resx (Spanish). Components
/// take <c>IStringLocalizer&lt;AdminText&gt;</c> as <c>L</c>; static helpers read <see cref="Get"/>.
/// </summary>
public sealed class AdminText
{
    private static readonly ResourceManager Resources = new(typeof(AdminText).FullName!, typeof(AdminText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the reader's language (the key itself when missing, as IStringLocalizer does).</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary><see cref="Get"/> with values filled in, numbers in the reader's format.</summary>
    public static string Get(string key, params object[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);
}
