using System.Globalization;
using System.Resources;

namespace BeFree.Web.Components.Pages.Board;

/// <summary>
/// The live board's words: BoardText.resx (English) and BoardText.es.resx (Spanish). Components take
/// <c>IStringLocalizer&lt;BoardText&gt;</c> as <c>L</c>; static helpers (a transfer target's label) read <see cref="Get"/>.
/// </summary>
public sealed class BoardText
{
    private static readonly ResourceManager Resources = new(typeof(BoardText).FullName!, typeof(BoardText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the reader's language (the key itself when missing, as IStringLocalizer does).</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);
}
