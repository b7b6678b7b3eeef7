using System.Net;
using BeFree.Core.Messaging.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>
/// Downloads one attachment from Twilio, following redirects by hand: the first request (this
/// account's media URL on the API host) goes through <see cref="TwilioApiHandler"/> with the
/// account's credentials; each redirect is checked against <see cref="TwilioMediaUrls"/> and fetched
/// with a client that has no credentials at all, so the media store never sees them.
/// </summary>
public sealed class TwilioMediaDownloader(HttpClient api, IHttpClientFactory clients, IOptions<TwilioOptions> options, ILogger<TwilioMediaDownloader> logger)
{
    /// <summary>The named client for media stores: no credentials, no automatic redirects.</summary>
    public const string MediaStoreClient = "TwilioMediaStore";

    /// <summary>Twilio redirects once, to its store; a few more hops are tolerated, never a loop.</summary>
    public const int MaxRedirects = 3;

    /// <summary>Twilio accepts at most 5 MB of media per message; twice that is refused as not Twilio's.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The bytes and the content type Twilio gave; throws <see cref="MediaUnavailableException"/> with the HTTP answer that fits.</summary>
    public async Task<(byte[] Content, string? ContentType)> DownloadAsync(string url, string? messageSid, long messageId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (TwilioMediaUrls.AccountMediaSid(url, settings.ApiBaseUrl, settings.AccountSid, messageSid) is null)
        {
            logger.LogWarning("An attachment of message {MessageId} is not this account's media on the Twilio API host; not fetched", messageId);
            throw new MediaUnavailableException(MessagingMessages.Get("Media_NotTwilio"), HttpStatusCode.BadGateway, MessagingMessages.English("Media_NotTwilio"));
        }

        var target = new Uri(url, UriKind.Absolute);
        var client = api;
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, target);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (IsRedirect(response.StatusCode))
                {
                    var location = response.Headers.Location;
                    var next = location is null ? null : location.IsAbsoluteUri ? location : new Uri(target, location);
                    if (next is null || hop >= MaxRedirects)
                    {
                        logger.LogWarning("Twilio's redirects for an attachment of message {MessageId} led nowhere or too far; stopped", messageId);
                        throw new MediaUnavailableException(MessagingMessages.Get("Media_NotHandedOver"), HttpStatusCode.BadGateway, MessagingMessages.English("Media_NotHandedOver"));
                    }
                    if (!TwilioMediaUrls.IsAllowedRedirect(next, settings.ApiBaseUrl, settings.EffectiveMediaHosts))
                    {
                        logger.LogWarning("An attachment of message {MessageId} redirected to {Host}, which is not a Twilio media host; not fetched", messageId, next.IsAbsoluteUri ? next.Host : "?");
                        throw new MediaUnavailableException(MessagingMessages.Get("Media_RedirectNotTwilio"), HttpStatusCode.BadGateway, MessagingMessages.English("Media_RedirectNotTwilio"));
                    }
                    target = next;
                    // Only the first request is Twilio's API: the store gets no credentials, even on the same host.
                    client = clients.CreateClient(MediaStoreClient);
                    continue;
                }
                return await ReadAsync(response, messageId, cancellationToken);
            }
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Could not reach Twilio for an attachment of message {MessageId}: {Error}", messageId, ex.Message);
            throw new MediaUnavailableException(MessagingMessages.Get("Media_Unreachable"), HttpStatusCode.BadGateway, MessagingMessages.English("Media_Unreachable"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaUnavailableException(MessagingMessages.Get("Media_Timeout"), HttpStatusCode.BadGateway, MessagingMessages.English("Media_Timeout"));
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private async Task<(byte[] Content, string? ContentType)> ReadAsync(HttpResponseMessage response, long messageId, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new MediaUnavailableException(MessagingMessages.Get("Media_GoneAtTwilio"), HttpStatusCode.Gone, MessagingMessages.English("Media_GoneAtTwilio"));
        }
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Twilio answered {Status} for an attachment of message {MessageId}", (int)response.StatusCode, messageId);
            throw new MediaUnavailableException(MessagingMessages.Get("Media_Refused", (int)response.StatusCode), HttpStatusCode.BadGateway,
                MessagingMessages.English("Media_Refused", (int)response.StatusCode));
        }
        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            throw new MediaUnavailableException(MessagingMessages.Get("Media_TooLarge"), HttpStatusCode.BadGateway, MessagingMessages.English("Media_TooLarge"));
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > MaxBytes)
            {
                throw new MediaUnavailableException(MessagingMessages.Get("Media_TooLarge"), HttpStatusCode.BadGateway, MessagingMessages.English("Media_TooLarge"));
            }
            copy.Write(buffer, 0, read);
        }
        return (copy.ToArray(), response.Content.Headers.ContentType?.MediaType);
    }
}
