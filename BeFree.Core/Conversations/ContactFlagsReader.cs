using Microsoft.EntityFrameworkCore;
using BeFree.Core.Data;

namespace BeFree.Core.Conversations;

/// <summary>The safe-contact flags as the database holds them now, with when the texter last wrote.</summary>
public static class ContactFlagsReader
{
    /// <summary>The texter's latest text to the hotline, in any of their conversations.</summary>
    public static Task<DateTime?> LastInboundUtcAsync(BeFreeDbContext db, int texterId, CancellationToken cancellationToken)
        => db.Messages.AsNoTracking()
            .Where(m => m.Conversation.TexterId == texterId && m.Direction == MessageDirection.Inbound)
            .MaxAsync(m => (DateTime?)m.CreatedUtc, cancellationToken);
}
