using BeFree.Core.Conversations;
using BeFree.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Messaging.TwilioCopies;

/// <summary>An attachment as BeFree keeps it, decrypted for one reader.</summary>
public sealed record StoredMediaContent(byte[] Content, string ContentType);

/// <summary>
/// BeFree's own store of texters' attachments: in the database, encrypted with Data Protection
/// under its own purpose (the key ring is in the database too, shared by every app server), so
/// the rows alone are unreadable and no other protected payload can be passed off as a picture.
/// </summary>
public sealed class StoredMediaStore(IDataProtectionProvider dataProtection)
{
    public const string Purpose = "BeFree.Messaging.StoredMedia.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public byte[] Protect(byte[] content) => _protector.Protect(content);

    /// <summary>The copy of attachment <paramref name="messageMediaId"/>, or null if BeFree has none (yet).</summary>
    public async Task<StoredMediaContent?> ReadAsync(BeFreeDbContext db, long messageMediaId, CancellationToken cancellationToken)
    {
        var stored = await db.StoredMedia.AsNoTracking()
            .Where(s => s.MessageMediaId == messageMediaId)
            .Select(s => new { s.ProtectedContent, s.ContentType })
            .FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : new StoredMediaContent(_protector.Unprotect(stored.ProtectedContent), stored.ContentType);
    }

    /// <summary>
    /// Erases the stored copies of the attachments of <paramref name="messages"/>, in the caller's
    /// transaction: retention erases the pictures together with the texts and links.
    /// </summary>
    public static Task<int> EraseAsync(BeFreeDbContext db, IQueryable<Message> messages, CancellationToken cancellationToken)
        => db.StoredMedia
            .Where(s => db.MessageMedia.Any(mm => mm.Id == s.MessageMediaId && messages.Any(m => m.Id == mm.MessageId)))
            .ExecuteDeleteAsync(cancellationToken);
}
