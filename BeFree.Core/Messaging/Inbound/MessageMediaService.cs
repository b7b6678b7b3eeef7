using System.Globalization;
using System.Net;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Messaging.TwilioCopies;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Inbound;

/// <summary>A texter's attachment as fetched from Twilio, for one member of staff.</summary>
public sealed record MediaFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Why an attachment cannot be shown, in the reader's language; <see cref="Status"/> is the HTTP answer that fits.
/// <see cref="EnglishMessage"/> is what the Twilio copy queue stores as its last error.
/// </summary>
public sealed class MediaUnavailableException(string message, HttpStatusCode status, string englishMessage) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string EnglishMessage { get; } = englishMessage;
}

/// <summary>
/// Opens the pictures and files texters send, for a member of staff who may read the
/// conversation, and audits it. BeFree's own encrypted copy is served when it has one (Twilio's
/// copy may already be deleted, see <see cref="TwilioCopies.TwilioCopyQueue"/>); otherwise the
/// attachment is fetched from Twilio through <see cref="TwilioMediaDownloader"/>, which fetches only
/// this account's media on the Twilio API host and follows redirects only to Twilio's media stores.
/// </summary>
public sealed class MessageMediaService(
    TwilioMediaDownloader downloader,
    StoredMediaStore store,
    IDbContextFactory<BeFreeDbContext> dbFactory,
    AuditLog audit,
    IOptions<TwilioOptions> options)
{
    /// <summary>Twilio accepts at most 5 MB of media per message; twice that is refused as not Twilio's.</summary>
    public const int MaxBytes = TwilioMediaDownloader.MaxBytes;

    public async Task<MediaFile> OpenAsync(string actorId, long messageId, int index, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var found = await (from media in db.MessageMedia.AsNoTracking()
                           join message in db.Messages on media.MessageId equals message.Id
                           where media.MessageId == messageId && media.Index == index
                           select new { media.Id, media.Url, media.ContentType, message.ConversationId, message.TwilioSid })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new MediaUnavailableException(MessagingMessages.Get("Media_NotFound"), HttpStatusCode.NotFound, MessagingMessages.English("Media_NotFound"));
        var conversation = await ConversationAccess.LoadAsync(db, found.ConversationId, track: false, cancellationToken);
        await ConversationAccess.RequireReaderAsync(db, actor, conversation, ConversationSurface.Media, audit, cancellationToken);
        if (found.Url.Length == 0)
        {
            throw new MediaUnavailableException(MessagingMessages.Get("Media_Erased"), HttpStatusCode.Gone, MessagingMessages.English("Media_Erased"));
        }

        byte[] content;
        string? contentType;
        if (await ReadCopyAsync(db, found.Id, cancellationToken) is { } copy)
        {
            (content, contentType) = (copy.Content, copy.ContentType);
        }
        else if (options.Value.IsSimulated)
        {
            throw new MediaUnavailableException(MessagingMessages.Get("Media_Simulated"), HttpStatusCode.BadGateway, MessagingMessages.English("Media_Simulated"));
        }
        else
        {
            // Not copied yet (it is, shortly after the text arrives, when Twilio's copies are deleted).
            (content, contentType) = await downloader.DownloadAsync(found.Url, found.TwilioSid, messageId, cancellationToken);
        }
        contentType ??= found.ContentType ?? "application/octet-stream";
        audit.Add(db, ConversationAccess.Actor(actor), MessagingAuditActions.MediaOpened, "message", messageId.ToString(CultureInfo.InvariantCulture),
            $"conversation={found.ConversationId}; attachment={index}; type={contentType}");
        await db.SaveChangesAsync(cancellationToken);
        return new MediaFile(content, contentType, $"befree-{messageId}-{index}{Extension(contentType)}");
    }

    private async Task<StoredMediaContent?> ReadCopyAsync(BeFreeDbContext db, long mediaId, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReadAsync(db, mediaId, cancellationToken);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The key ring lost the key it was protected with: the copy is unreadable, and Twilio's is gone.
            throw new MediaUnavailableException(MessagingMessages.Get("Media_Undecryptable"), HttpStatusCode.InternalServerError, MessagingMessages.English("Media_Undecryptable"));
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
