using System.Security.Cryptography;
using System.Text;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>
/// Twilio's published request signature: HMAC-SHA1, keyed with the Auth Token, over the full URL
/// Twilio requested followed by every form parameter sorted by name (ordinal), each as name then
/// value; base64. There is no switch to turn checking off.
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        var data = new StringBuilder(url);
        // A name given more than once contributes each distinct value once, sorted, as Twilio's
        // Python helper library does (its test vector for repeated names depends on it).
        foreach (var (name, value) in parameters
                     .Distinct()
                     .OrderBy(p => p.Key, StringComparer.Ordinal)
                     .ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// True when <paramref name="signature"/> matches the URL as given, or the same URL with its
    /// port removed or the scheme's default port added (Twilio signs either form depending on how
    /// the webhook was configured). Constant-time comparison; an empty token or header never passes.
    /// </summary>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string? authToken, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
        {
            return false;
        }
        var pairs = parameters as IReadOnlyCollection<KeyValuePair<string, string>> ?? parameters.ToList();
        var given = Encoding.UTF8.GetBytes(signature);
        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            var expected = Encoding.UTF8.GetBytes(Compute(candidate, pairs, authToken));
            // Check every variant so timing does not reveal which form was close.
            valid |= CryptographicOperations.FixedTimeEquals(expected, given);
        }
        return valid;
    }

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
