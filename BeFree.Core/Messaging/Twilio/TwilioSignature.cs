using System.Security.Cryptography;
using System.Text;
using Twilio.Security;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>
/// Twilio's request signature (<c>X-Twilio-Signature</c>). Checking is Twilio's own
/// <see cref="RequestValidator"/>; there is no switch to turn it off. <see cref="Compute"/> exists
/// only for where BeFree plays Twilio itself (the simulated Twilio signs its webhooks so they take
/// the same checked path); the tests hold it to Twilio's published vector and the validator.
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>HMAC-SHA1 keyed with the Auth Token over the URL then each parameter, sorted by name, as name then value; base64.</summary>
    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        var data = new StringBuilder(url);
        foreach (var (name, value) in ForSigning(parameters).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// True when Twilio's <see cref="RequestValidator"/> accepts <paramref name="signature"/> for the
    /// URL as given or for its port variant (see <see cref="UrlVariants"/>). An empty token or header
    /// never passes (the validator itself would accept a signature made with an empty key).
    /// </summary>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string? authToken, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(url))
        {
            return false;
        }
        var validator = new RequestValidator(authToken);
        var form = ForSigning(parameters);
        // RequestValidator tries the URL verbatim, then one variant: the default port added when .NET
        // sees no port (so ":443" given explicitly is never removed), or a non-default port removed.
        // Twilio may have signed "https://host/..." while the rebuilt URL says ":443", so each of our
        // variants goes through it too, the URL as rebuilt first. Which variant matched is no secret;
        // the comparison of signatures inside the validator is constant-time.
        foreach (var candidate in UrlVariants(url))
        {
            try
            {
                if (validator.Validate(candidate, form, signature))
                {
                    return true;
                }
            }
            catch (UriFormatException)
            {
                // Not an absolute URL: nothing Twilio could have signed.
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// The form as Twilio signs it. A name given more than once contributes each distinct value once,
    /// sorted, as Twilio's Python helper library does; the validator takes one value per name, so the
    /// values are joined with the name between them, which yields the same signed text.
    /// </summary>
    private static Dictionary<string, string> ForSigning(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        // Every webhook goes through here: one pass for the usual form, where each name comes once.
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (!form.TryAdd(name, value))
            {
                return JoinRepeatedNames(parameters);
            }
        }
        return form;
    }

    private static Dictionary<string, string> JoinRepeatedNames(IEnumerable<KeyValuePair<string, string>> parameters)
        => parameters
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => string.Join(g.Key, g.Select(p => p.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                StringComparer.Ordinal);

    /// <summary>The URL itself, then the port variant (explicit port removed, or default port added).</summary>
    public static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            yield break;
        }
        var scheme = url[..schemeEnd];
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }
        var authority = url[authorityStart..authorityEnd];
        var hostStart = authority.LastIndexOf('@') + 1;
        var hostAndPort = authority[hostStart..];
        // An IPv6 literal has colons of its own: the port separator comes after ']'.
        var bracket = hostAndPort.LastIndexOf(']');
        var colon = hostAndPort.LastIndexOf(':');
        var hasPort = colon > bracket && colon >= 0;
        string variantAuthority;
        if (hasPort)
        {
            variantAuthority = authority[..(hostStart + colon)];
        }
        else
        {
            var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? 443
                : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? 80 : 0;
            if (defaultPort == 0)
            {
                yield break;
            }
            variantAuthority = $"{authority}:{defaultPort}";
        }
        yield return url[..authorityStart] + variantAuthority + url[authorityEnd..];
    }
}
