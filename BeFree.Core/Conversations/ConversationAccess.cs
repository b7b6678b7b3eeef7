using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Conversations;

/// <summary>
/// Who may act on a conversation. Only the staff member it is assigned to acts on it; a shift lead
/// who needs to step in takes it over first (audited), which makes them the assignee.
/// </summary>
internal static class ConversationAccess
{
    /// <summary>Every staff role can hold conversations (small hotlines have admins who answer texts).</summary>
    public static readonly string[] AnsweringRoles = [StaffRoles.Advocate, StaffRoles.ShiftLead, StaffRoles.Admin];

    public static AuditActor Actor(StaffMember member) => new(member.Id, member.DisplayName);

    public static async Task<Conversation> LoadAsync(BeFreeDbContext db, int conversationId, bool track, CancellationToken cancellationToken)
    {
        var query = db.Conversations.Include(c => c.Texter).AsQueryable();
        if (!track)
        {
            query = query.AsNoTracking();
        }
        return await query.FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken)
            ?? throw new ConversationActionException(ConversationMessages.Get("NotFound"));
    }

    /// <summary>
    /// Throws unless <paramref name="actor"/> holds the conversation and it is open. <paramref name="toDoWhat"/> is the
    /// action in the reader's language, as it reads after "you cannot" (a <c>Do_</c> key of <see cref="ConversationMessages"/>).
    /// </summary>
    public static async Task RequireHolderAsync(BeFreeDbContext db, StaffMember actor, Conversation conversation, string toDoWhat, CancellationToken cancellationToken)
    {
        if (conversation.Status == ConversationStatus.Assigned && conversation.AssignedToId == actor.Id)
        {
            return;
        }
        if (conversation.Status == ConversationStatus.Closed)
        {
            throw new ConversationActionException(ConversationMessages.Get("Holder_Closed", toDoWhat));
        }
        if (conversation.Status == ConversationStatus.Queued)
        {
            throw new StaffAuthorizationException(ConversationMessages.Get("Holder_Queued", toDoWhat));
        }
        var holder = await DisplayNameAsync(db, conversation.AssignedToId, cancellationToken);
        throw new StaffAuthorizationException(actor.IsInRole(StaffRoles.ShiftLead)
            ? ConversationMessages.Get("Holder_LeadTakeOver", holder, toDoWhat)
            : ConversationMessages.Get("Holder_Other", holder, toDoWhat));
    }

    /// <summary>
    /// Reading a conversation: its holder, shift leads and admins, and whoever holds an open
    /// conversation with the same texter (to read the texter's earlier conversations).
    /// </summary>
    public static async Task RequireViewerAsync(BeFreeDbContext db, StaffMember actor, Conversation conversation, CancellationToken cancellationToken)
    {
        if (actor.IsLeadOrAdmin || Holds(actor, conversation))
        {
            return;
        }
        var holdsSameTexter = await db.Conversations.AsNoTracking().AnyAsync(c => c.TexterId == conversation.TexterId
            && c.Status == ConversationStatus.Assigned && c.AssignedToId == actor.Id, cancellationToken);
        if (!holdsSameTexter)
        {
            throw new StaffAuthorizationException(conversation.Status == ConversationStatus.Queued
                ? ConversationMessages.Get("Viewer_Queued")
                : ConversationMessages.Get("Viewer_NotYours"));
        }
    }

    /// <summary>
    /// The one rule for reading a conversation on any screen: <see cref="RequireViewerAsync"/>, and
    /// when the reader does not hold it (a lead, an admin, an advocate reading a texter's earlier
    /// conversation), an audit entry naming the screen. One entry per person, conversation and
    /// screen within <see cref="AuditOptions.ReadWindow"/>, so live reloads of an open page add none.
    /// </summary>
    public static async Task RequireReaderAsync(BeFreeDbContext db, StaffMember actor, Conversation conversation,
        ConversationSurface surface, AuditLog audit, CancellationToken cancellationToken)
    {
        await RequireViewerAsync(db, actor, conversation, cancellationToken);
        if (Holds(actor, conversation))
        {
            return;
        }
        await audit.WriteOncePerWindowAsync(Actor(actor), AuditActions.ConversationRead, "conversation",
            conversation.Id.ToString(CultureInfo.InvariantCulture), $"surface={SurfaceName(surface)}", cancellationToken);
    }

    /// <summary>Its holder: assigned to them and not back in the queue (closed conversations stay their last holder's).</summary>
    public static bool Holds(StaffMember actor, Conversation conversation)
        => conversation.AssignedToId == actor.Id && conversation.Status != ConversationStatus.Queued;

    public static string SurfaceName(ConversationSurface surface) => surface switch
    {
        ConversationSurface.Conversation => "conversation",
        ConversationSurface.Monitor => "monitor",
        ConversationSurface.Escalation => "escalation",
        ConversationSurface.Packet => "packet",
        ConversationSurface.Transcript => "transcript",
        ConversationSurface.Media => "media",
        _ => throw new ArgumentOutOfRangeException(nameof(surface), surface, null),
    };

    public static async Task<string> DisplayNameAsync(BeFreeDbContext db, string? staffId, CancellationToken cancellationToken)
    {
        if (staffId is null)
        {
            return ConversationMessages.Get("Staff_Nobody");
        }
        return NameOrUnknown(await db.Users.AsNoTracking().Where(u => u.Id == staffId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken));
    }

    /// <summary>A member of staff's name, or "another member of staff" in the reader's language when none is found.</summary>
    public static string NameOrUnknown(string? displayName)
        => string.IsNullOrWhiteSpace(displayName) ? ConversationMessages.Get("Staff_Unknown") : displayName;

    /// <summary>Open conversations a staff member holds: what their capacity counts.</summary>
    public static IQueryable<Conversation> HeldBy(BeFreeDbContext db, string staffId)
        => db.Conversations.Where(c => c.AssignedToId == staffId && c.Status == ConversationStatus.Assigned);
}

/// <summary>The screens a conversation is read on, as the read audit names them.</summary>
public enum ConversationSurface
{
    /// <summary>The conversation page (and the escalation list beside it).</summary>
    Conversation,
    /// <summary>A lead's read-only view from the live board.</summary>
    Monitor,
    /// <summary>An escalation's page, or the escalation form of a conversation.</summary>
    Escalation,
    /// <summary>The printable escalation packet.</summary>
    Packet,
    /// <summary>The printable transcript.</summary>
    Transcript,
    /// <summary>An attachment opened.</summary>
    Media,
}
