using System.Text.RegularExpressions;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>
/// Which media addresses BeFree fetches: the first one only on the Twilio API host, and only one of
/// this account's media paths for the very text it came with; each redirect only to the API host or a
/// configured media store (<see cref="TwilioOptions.EffectiveMediaHosts"/>). Anything else is refused
/// before any request, so a stored or redirected URL can never make the server call elsewhere.
/// </summary>
public static partial class TwilioMediaUrls
{
    [GeneratedRegex("^/2010-04-01/Accounts/(?<account>AC[0-9a-fA-F]{32})/Messages/(?<message>[MS]M[0-9a-fA-F]{32})/Media/(?<media>ME[0-9a-fA-F]{32})$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaPath();

    /// <summary>
    /// The media SID when <paramref name="url"/> is this account's media of the text
    /// <paramref name="messageSid"/> on the API host <paramref name="apiBaseUrl"/>; otherwise null.
    /// </summary>
    public static string? AccountMediaSid(string url, string apiBaseUrl, string? accountSid, string? messageSid)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var media) || !Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var api)
            || !TwilioApiHandler.IsOnApiHost(media, api)
            || !string.IsNullOrEmpty(media.Query) || !string.IsNullOrEmpty(media.Fragment)
            || string.IsNullOrEmpty(accountSid) || string.IsNullOrEmpty(messageSid))
        {
            return null;
        }
        var prefix = api.AbsolutePath.TrimEnd('/');
        var path = media.AbsolutePath;
        if (!path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            return null;
        }
        var match = MediaPath().Match(path[prefix.Length..]);
        return match.Success
               && string.Equals(match.Groups["account"].Value, accountSid, StringComparison.Ordinal)
               && string.Equals(match.Groups["message"].Value, messageSid, StringComparison.Ordinal)
            ? match.Groups["media"].Value
            : null;
    }

    /// <summary>A redirect target Twilio may send a media download to: the API host or one of the media stores, same scheme, host and port.</summary>
    public static bool IsAllowedRedirect(Uri target, string apiBaseUrl, IEnumerable<string> mediaHosts)
    {
        if (!target.IsAbsoluteUri || !string.IsNullOrEmpty(target.UserInfo))
        {
            return false;
        }
        if (Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var api) && TwilioApiHandler.IsOnApiHost(target, api))
        {
            return true;
        }
        return mediaHosts.Any(host => Uri.TryCreate(host, UriKind.Absolute, out var origin) && TwilioApiHandler.IsOnApiHost(target, origin));
    }
}
