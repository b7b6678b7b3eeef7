using System.Globalization;
using System.Net;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Inbound;

/// <summary>A texter's attachment as fetched from Twilio, for one member of staff.</summary>
public sealed record MediaFile(byte[] Content, string ContentType, string FileName);

/// <summary>Why an attachment cannot be shown; <see cref="Status"/> is the HTTP answer that fits.</summary>
public sealed class MediaUnavailableException(string message, HttpStatusCode status) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// Opens the pictures and files texters send. Twilio keeps them behind HTTP Basic auth, so a
/// browser cannot fetch them itself: BeFree fetches one for a member of staff who may read its
/// conversation, and audits it. Only URLs on the configured Twilio API host are fetched, so a
/// stored URL can never make the server call anywhere else; the client is the one the SDK sends
/// through (same timeout, same <see cref="TwilioApiHandler"/>).
/// </summary>
public sealed class MessageMediaService(
    HttpClient http,
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    IOptions<TwilioOptions> options,
    ILogger<MessageMediaService> logger)
{
    /// <summary>Twilio accepts at most 5 MB of media per message; twice that is refused as not Twilio's.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public async Task<MediaFile> OpenAsync(string actorId, long messageId, int index, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var found = await (from media in db.MessageMedia.AsNoTracking()
                           join message in db.Messages on media.MessageId equals message.Id
                           where media.MessageId == messageId && media.Index == index
                           select new { media.Url, media.ContentType, message.ConversationId })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new MediaUnavailableException("There is no such attachment.", HttpStatusCode.NotFound);
        var conversation = await ConversationAccess.LoadAsync(db, found.ConversationId, track: false, cancellationToken);
        await ConversationAccess.RequireReaderAsync(db, actor, conversation, ConversationSurface.Media, audit, cancellationToken);
        if (found.Url.Length == 0)
        {
            throw new MediaUnavailableException("This attachment was erased under the retention policy.", HttpStatusCode.Gone);
        }

        var settings = options.Value;
        if (settings.IsSimulated)
        {
            throw new MediaUnavailableException("Attachments are fetched from Twilio, and this app runs the simulated Twilio.", HttpStatusCode.BadGateway);
        }
        if (!IsOnTwilioHost(found.Url, settings.ApiBaseUrl))
        {
            logger.LogWarning("Attachment {Index} of message {MessageId} is not on the Twilio API host; not fetched", index, messageId);
            throw new MediaUnavailableException("This attachment's address is not Twilio's, so BeFree does not open it.", HttpStatusCode.BadGateway);
        }

        var (content, contentType) = await FetchAsync(found.Url, messageId, cancellationToken);
        contentType ??= found.ContentType ?? "application/octet-stream";
        audit.Add(db, ConversationAccess.Actor(actor), MessagingAuditActions.MediaOpened, "message", messageId.ToString(CultureInfo.InvariantCulture),
            $"conversation={found.ConversationId}; attachment={index}; type={contentType}");
        await db.SaveChangesAsync(cancellationToken);
        return new MediaFile(content, contentType, $"befree-{messageId}-{index}{Extension(contentType)}");
    }

    /// <summary>Same scheme, host and port as the Twilio API base: where Twilio's media URLs live.</summary>
    public static bool IsOnTwilioHost(string url, string apiBaseUrl)
        => Uri.TryCreate(url, UriKind.Absolute, out var media)
           && Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var api)
           && TwilioApiHandler.IsOnApiHost(media, api);

    private async Task<(byte[] Content, string? ContentType)> FetchAsync(string url, long messageId, CancellationToken cancellationToken)
    {
        // The client's TwilioApiHandler adds the account's Basic auth; the primary handler follows
        // Twilio's redirect to its media store and drops that header there.
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new MediaUnavailableException("Twilio no longer has this attachment.", HttpStatusCode.Gone);
            }
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Twilio answered {Status} for an attachment of message {MessageId}", (int)response.StatusCode, messageId);
                throw new MediaUnavailableException($"Twilio did not hand over the attachment (it answered {(int)response.StatusCode}). Try again in a moment.", HttpStatusCode.BadGateway);
            }
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                throw new MediaUnavailableException("This attachment is larger than Twilio allows, so BeFree does not open it.", HttpStatusCode.BadGateway);
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > MaxBytes)
                {
                    throw new MediaUnavailableException("This attachment is larger than Twilio allows, so BeFree does not open it.", HttpStatusCode.BadGateway);
                }
                copy.Write(buffer, 0, read);
            }
            return (copy.ToArray(), response.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Could not reach Twilio for an attachment of message {MessageId}: {Error}", messageId, ex.Message);
            throw new MediaUnavailableException("Could not reach Twilio for this attachment. Try again in a moment.", HttpStatusCode.BadGateway);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaUnavailableException("Twilio did not answer in time for this attachment. Try again in a moment.", HttpStatusCode.BadGateway);
        }
    }

    private static string Extension(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "image/heic" => ".heic",
        "video/mp4" => ".mp4",
        "video/3gpp" => ".3gp",
        "audio/mpeg" => ".mp3",
        "audio/amr" => ".amr",
        "application/pdf" => ".pdf",
        "text/vcard" or "text/x-vcard" => ".vcf",
        "text/plain" => ".txt",
        _ => "",
    };
}
