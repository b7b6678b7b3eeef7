using BeFree.Core.Conversations;

namespace BeFree.Web.Components.Pages.Inbox;

/// <summary>
/// The order of the inbox's own column: conversations whose texter is waiting for an answer first, longest wait
/// at the top (that is who needs the advocate now), then the others by their latest message.
/// </summary>
public static class InboxList
{
    public static IReadOnlyList<MyConversationItem> Order(IEnumerable<MyConversationItem> mine)
        => mine
            .OrderBy(c => c.WaitingSinceUtc is null)
            .ThenBy(c => c.WaitingSinceUtc ?? DateTime.MaxValue)
            .ThenByDescending(c => c.LastMessageUtc)
            .ThenBy(c => c.ConversationId)
            .ToList();

    /// <summary>The conversation <paramref name="step"/> rows away from <paramref name="current"/> (first or last when none is open).</summary>
    public static int? Neighbour(IReadOnlyList<MyConversationItem> ordered, int? current, int step)
    {
        if (ordered.Count == 0)
        {
            return null;
        }
        var index = current is { } id ? ordered.ToList().FindIndex(c => c.ConversationId == id) : -1;
        if (index < 0)
        {
            return ordered[step > 0 ? 0 : ordered.Count - 1].ConversationId;
        }
        return ordered[Math.Clamp(index + step, 0, ordered.Count - 1)].ConversationId;
    }
}
