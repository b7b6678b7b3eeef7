using System.Globalization;
using System.Resources;

namespace BeFree.Core;

/// <summary>
/// The one way Core words a message for a person to read (refusals, claim results, notices): each feature folder has
/// a resource class <c>X : CoreText&lt;X&gt;</c> beside <c>X.resx</c> (English) and <c>X.es.resx</c> (Spanish), with
/// short keys. <see cref="Get(string)"/> reads the reader's CurrentUICulture, which is the circuit's or the request's
/// culture where a workstation action runs (decisions 24 and 25); <see cref="English"/> is for text that is stored or logged
/// (audit details, notes, message errors), which stays English whoever acted.
/// </summary>
internal abstract class CoreText<T> where T : CoreText<T>
{
    private static readonly ResourceManager Resources = new(typeof(T).FullName!, typeof(T).Assembly);

    /// <summary>The text for <paramref name="key"/> in the reader's language (the key itself when missing: a test pairs every key).</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary><see cref="Get(string)"/> with values filled in, numbers in the reader's format.</summary>
    public static string Get(string key, params object?[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);

    /// <summary>The English text, whoever reads: for what is stored rather than shown.</summary>
    public static string English(string key, params object?[] values)
        => string.Format(CultureInfo.InvariantCulture, Resources.GetString(key, CultureInfo.InvariantCulture) ?? key, values);
}
