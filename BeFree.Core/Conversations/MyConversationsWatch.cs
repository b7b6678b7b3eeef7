using System.Collections.Concurrent;

namespace BeFree.Core.Conversations;

/// <summary>
/// Which conversation changes can alter one person's "my conversations" list, so an open screen re-reads that list
/// only for those: a new texter writing to the queue (the flood after a billboard) then costs no screen a read,
/// however many are open. A change concerns the list when it is about a conversation the list shows, when this
/// person did it or was handed it (<see cref="ConversationChange.StaffId"/>), or when a closed conversation reopened
/// (it may come back to its advocate).
/// <para>
/// <see cref="Concerns"/> runs on the publisher's thread, as a feed filter. A conversation that may have just joined
/// the list is remembered at once, not only after the screen's next read: a text arriving while that read runs
/// would otherwise be judged against the list from before the claim and be missed.
/// </para>
/// </summary>
public sealed class MyConversationsWatch(string staffId)
{
    // Replaced whole, never changed in place: read off the screen's dispatcher.
    private volatile IReadOnlySet<int> _shown = new HashSet<int>();
    private readonly ConcurrentDictionary<int, byte> _joining = new();

    /// <summary>Whether <paramref name="change"/> can change what this person's list shows.</summary>
    public bool Concerns(ConversationChange change)
    {
        if (change.StaffId == staffId || change.Kind == ConversationChangeKind.Reopened)
        {
            _joining.TryAdd(change.ConversationId, 0);
            return true;
        }
        return _shown.Contains(change.ConversationId) || _joining.ContainsKey(change.ConversationId);
    }

    /// <summary>The list as just read. Conversations it now shows no longer need remembering as joining.</summary>
    public void Shown(IEnumerable<int> conversationIds)
    {
        var shown = conversationIds.ToHashSet();
        _shown = shown;
        foreach (var id in _joining.Keys)
        {
            if (shown.Contains(id))
            {
                _joining.TryRemove(id, out _);
            }
        }
    }
}
