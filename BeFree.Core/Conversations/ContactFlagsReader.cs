using Microsoft.EntityFrameworkCore;
using BeFree.Core.Data;

namespace BeFree.Core.Conversations;

/// <summary>The safe-contact flags as the database holds them now, with when the texter last wrote.</summary>
public static class ContactFlagsReader
{
    public static async Task<ContactFlags> ReadAsync(BeFreeDbContext db, int texterId, CancellationToken cancellationToken)
    {
        var texter = await db.Texters.AsNoTracking().SingleAsync(t => t.Id == texterId, cancellationToken);
        return ContactFlags.From(texter, await LastInboundUtcAsync(db, texterId, cancellationToken));
    }

    /// <summary>The texter's latest text to the hotline, in any of their conversations.</summary>
    public static Task<DateTime?> LastInboundUtcAsync(BeFreeDbContext db, int texterId, CancellationToken cancellationToken)
        => db.Messages.AsNoTracking()
            .Where(m => m.Conversation.TexterId == texterId && m.Direction == MessageDirection.Inbound)
            .MaxAsync(m => (DateTime?)m.CreatedUtc, cancellationToken);
}
