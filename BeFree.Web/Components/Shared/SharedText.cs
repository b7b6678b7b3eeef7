using System.Globalization;
using System.Resources;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// The shared pieces' words (banners, alerts, the action runner): SharedText.resx (English) and SharedText.es.resx
/// (Spanish). Components take <c>IStringLocalizer&lt;SharedText&gt;</c> as <c>L</c>; plain classes read <see cref="Get"/>.
/// </summary>
public sealed class SharedText
{
    private static readonly ResourceManager Resources = new(typeof(SharedText).FullName!, typeof(SharedText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the reader's language (the key itself when missing, as IStringLocalizer does).</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary><see cref="Get"/> with values filled in, numbers in the reader's format.</summary>
    public static string Get(string key, params object[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);
}
