using BeFree.Core.Live;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Conversations;

public enum ConversationChangeKind
{
    Created,
    MessageAdded,
    MessageStatusChanged,
    Claimed,
    Released,
    Transferred,
    Closed,
    Reopened,
    RiskChanged,
    OptOutChanged,
    Updated,
    /// <summary>One of the conversation's escalations was created or moved on (submitted, approved, returned, sent…).</summary>
    EscalationChanged,
}

/// <summary>What changed. Carries ids only: subscribers re-read what they show.</summary>
public sealed record ConversationChange(int ConversationId, ConversationChangeKind Kind, string? StaffId = null);

/// <summary>
/// Conversation changes, live to every open screen (the eShop WebhookClient pattern on a
/// <see cref="LiveFeed{T}"/>). Services publish only after <c>SaveChangesAsync</c> succeeded and do not wait
/// for screens; components subscribe, re-render through <c>InvokeAsync</c> and dispose the subscription.
/// </summary>
public sealed class ConversationNotifier(ILogger<ConversationNotifier> logger, ILiveBus? bus = null)
{
    private readonly LiveFeed<ConversationChange> _feed = new("conversation changes", logger, bus);

    /// <summary>
    /// Every change (that <paramref name="filter"/> accepts), in order; coalesced to the latest ones only if
    /// the screen falls far behind. The filter runs on the publisher's thread: keep it to a comparison.
    /// </summary>
    public LiveSubscription<ConversationChange> Subscribe(Func<ConversationChange, Task> handler, Func<ConversationChange, bool>? filter = null)
        => _feed.Subscribe((change, _) => handler(change), filter);

    /// <summary>
    /// For screens that re-read what they show on any change (that <paramref name="filter"/> accepts):
    /// changes that arrive while the screen re-reads collapse into one more call.
    /// </summary>
    public LiveSubscription<ConversationChange> Subscribe(Func<Task> reload, Func<ConversationChange, bool>? filter = null)
        => _feed.Subscribe((_, _) => reload(), filter, backlog: 1);

    /// <summary>For the screens showing one conversation: they re-read it after its changes, and only its changes.</summary>
    public LiveSubscription<ConversationChange> Subscribe(int conversationId, Func<Task> reload)
        => Subscribe(reload, change => change.ConversationId == conversationId);

    public int SubscriberCount => _feed.SubscriberCount;

    /// <summary>
    /// Hands the change to every open screen and returns at once: a webhook that has committed answers
    /// without waiting for screens to re-read. Kept a <see cref="Task"/> so services' call sites stay as they are.
    /// </summary>
    public Task PublishAsync(ConversationChange change)
    {
        _feed.Publish(change);
        return Task.CompletedTask;
    }
}
