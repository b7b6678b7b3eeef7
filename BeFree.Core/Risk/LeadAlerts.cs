using System.Text.Json.Serialization;
using BeFree.Core.Live;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Risk;

public enum LeadAlertKind
{
    /// <summary>An advocate set a conversation's risk to Imminent.</summary>
    ImminentRisk,
    /// <summary>The lexicon suggested Imminent from a texter's words.</summary>
    ImminentRiskSuggested,
    /// <summary>An escalation waits for a shift lead's approval.</summary>
    EscalationAwaitingApproval,
    /// <summary>An advocate sent an escalation without approval because the risk was Imminent.</summary>
    EscalationSentWithoutApproval,
    /// <summary>
    /// An escalation awaiting approval was approved, returned, sent or withdrawn: not shown, it settles the
    /// <see cref="EscalationAwaitingApproval"/> alert on every lead's screen (<see cref="LeadAlerts.Settles"/>).
    /// </summary>
    EscalationDecided,
}

/// <summary>
/// What a shift lead's screen shows. Carries ids and names only, never a text or a number. One alert reaches every
/// lead (and other app servers), whatever their language: <see cref="Message"/> is English (logs), and
/// <see cref="Text"/> words it for the reader from <see cref="TextKey"/> and <see cref="TextValues"/>.
/// </summary>
public sealed record LeadAlert(LeadAlertKind Kind, int ConversationId, int? EscalationId, string Message, DateTime OccurredUtc,
    string? TextKey = null, IReadOnlyList<string>? TextValues = null)
{
    /// <summary>The alert in the reader's language (a <see cref="RiskMessages"/> key), or <see cref="Message"/> when it has no key.</summary>
    [JsonIgnore]
    public string Text => TextKey is null ? Message : RiskMessages.Get(TextKey, [.. TextValues ?? []]);

    /// <summary>An alert worded from a <see cref="RiskMessages"/> key: English in <see cref="Message"/>, the reader's language in <see cref="Text"/>.</summary>
    internal static LeadAlert Worded(LeadAlertKind kind, int conversationId, int? escalationId, DateTime occurredUtc, string key, params string[] values)
        => new(kind, conversationId, escalationId, RiskMessages.English(key, values), occurredUtc, key, values);
}

/// <summary>
/// Live alerts for shift leads (every lead on shift subscribes from their screens), on a
/// <see cref="LiveFeed{T}"/>: publish after the change is saved; screens get each alert in order and a
/// failing one never holds up the others. Keeps the last alerts so a lead who opens a screen sees what just happened.
/// </summary>
public sealed class LeadAlerts
{
    private const int RecentCapacity = 50;
    private readonly Lock _gate = new();
    private readonly LinkedList<LeadAlert> _recent = new();
    private readonly LiveFeed<LeadAlert> _feed;

    /// <param name="bus">Other app servers: their alerts are remembered and shown here too.</param>
    public LeadAlerts(ILogger<LeadAlerts> logger, ILiveBus? bus = null)
        => _feed = new LiveFeed<LeadAlert>("lead alerts", logger, bus, received: Remember);

    /// <summary>Every alert, in order. A screen that falls far behind gets the latest ones (<see cref="Recent"/> keeps more).</summary>
    public LiveSubscription<LeadAlert> Subscribe(Func<LeadAlert, Task> handler)
        => _feed.Subscribe((alert, _) => handler(alert));

    public int SubscriberCount => _feed.SubscriberCount;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<LeadAlert> Recent
    {
        get
        {
            lock (_gate)
            {
                return _recent.ToList();
            }
        }
    }

    /// <summary>
    /// Recent alerts that still ask something of a lead, newest first: without decision notices and without the
    /// approval requests a later decision settled.
    /// </summary>
    public IReadOnlyList<LeadAlert> Open
    {
        get
        {
            var recent = Recent;
            return recent.Where(a => IsShown(a) && !recent.Any(d => Settles(d, a))).ToList();
        }
    }

    /// <summary>Whether a screen shows this alert at all (decision notices only remove others).</summary>
    public static bool IsShown(LeadAlert alert) => alert.Kind != LeadAlertKind.EscalationDecided;

    /// <summary>True when <paramref name="decision"/> answered the approval request <paramref name="alert"/>: screens drop it.</summary>
    public static bool Settles(LeadAlert decision, LeadAlert alert)
        => decision.Kind == LeadAlertKind.EscalationDecided
            && alert.Kind == LeadAlertKind.EscalationAwaitingApproval
            && decision.EscalationId is not null
            && alert.EscalationId == decision.EscalationId;

    /// <summary>Remembers the alert and hands it to every open screen; returns at once.</summary>
    public Task PublishAsync(LeadAlert alert)
    {
        Remember(alert);
        _feed.Publish(alert);
        return Task.CompletedTask;
    }

    private void Remember(LeadAlert alert)
    {
        lock (_gate)
        {
            _recent.AddFirst(alert);
            while (_recent.Count > RecentCapacity)
            {
                _recent.RemoveLast();
            }
        }
    }
}
