using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>
/// The one way BeFree talks to Twilio's REST API, under both the SDK (sending) and the media
/// downloads: requests the SDK addresses to <c>api.twilio.com</c> go to <c>Twilio:ApiBaseUrl</c>
/// instead (the SDK has no base-URL option; tests use a local fake, production may use a regional
/// edge), and every request to that host carries the account's Basic auth from
/// <see cref="TwilioOptions.BasicAuthorization"/>. Nothing else may be called through it.
/// </summary>
public sealed class TwilioApiHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    /// <summary>The host Twilio's SDK builds its Messages URLs on (no region or edge is set).</summary>
    public const string SdkApiHost = "api.twilio.com";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var apiBase = new Uri(settings.ApiBaseUrl, UriKind.Absolute);
        var target = request.RequestUri ?? throw new InvalidOperationException("A request to Twilio needs an absolute URL.");
        if (target.Host.Equals(SdkApiHost, StringComparison.OrdinalIgnoreCase))
        {
            request.RequestUri = new UriBuilder(target)
            {
                Scheme = apiBase.Scheme,
                Host = apiBase.Host,
                Port = apiBase.Port,
                Path = apiBase.AbsolutePath.TrimEnd('/') + target.AbsolutePath,
            }.Uri;
        }
        if (!IsOnApiHost(request.RequestUri!, apiBase))
        {
            // The credentials must never leave for another host; callers check first, this is the backstop.
            throw new InvalidOperationException($"Only Twilio's API at {apiBase.GetLeftPart(UriPartial.Authority)} is called with the account's credentials.");
        }
        // The SDK sets its own header from the same SID and token; this one is the one that counts.
        request.Headers.Authorization = settings.BasicAuthorization();
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Same scheme, host and port as the Twilio API base, and no user info of its own.</summary>
    public static bool IsOnApiHost(Uri url, Uri apiBase)
        => url.IsAbsoluteUri
           && string.Equals(url.Scheme, apiBase.Scheme, StringComparison.OrdinalIgnoreCase)
           && string.Equals(url.IdnHost, apiBase.IdnHost, StringComparison.OrdinalIgnoreCase)
           && url.Port == apiBase.Port
           && string.IsNullOrEmpty(url.UserInfo);
}
