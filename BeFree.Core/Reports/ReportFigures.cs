using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;

namespace BeFree.Core.Reports;

public sealed record LabelCount(string Label, int Count);

public sealed record DayCount(DateOnly Day, int Count);

public sealed record HourCount(int Hour, int Count);

/// <summary>Median and 90th percentile of a set of durations; both null when the set is empty.</summary>
public sealed record DurationStats(int Count, TimeSpan? Median, TimeSpan? P90)
{
    public static DurationStats Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Select(d => d.TotalSeconds).Order().ToList();
        return sorted.Count == 0
            ? new DurationStats(0, null, null)
            : new DurationStats(sorted.Count,
                TimeSpan.FromSeconds(ReportMath.Percentile(sorted, 0.5)),
                TimeSpan.FromSeconds(ReportMath.Percentile(sorted, 0.9)));
    }
}

public static class ReportMath
{
    /// <summary>
    /// Percentile by linear interpolation between closest ranks (the "inclusive" method of
    /// spreadsheets, R type 7): rank = p × (n − 1) over the sorted values, counted from 0. The
    /// median of an even count is the mean of the two middle values.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sortedAscending, double p)
    {
        if (sortedAscending.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sortedAscending));
        }
        var rank = p * (sortedAscending.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sortedAscending[lower] + (sortedAscending[upper] - sortedAscending[lower]) * (rank - lower);
    }
}

/// <summary>
/// The figures of one report. Conversations are those created in the range (training left out
/// unless asked); day and hour are counted in <see cref="TimeZoneId"/>.
/// <list type="bullet">
/// <item>First response: the first advocate-written outbound message (automatic acknowledgements do
/// not count) minus the conversation's CreatedUtc (the texter's first text), over conversations
/// that have such a reply. <see cref="Unanswered"/> counts the rest.</item>
/// <item>Time to close: ClosedUtc minus CreatedUtc, over conversations that are closed now (a
/// reopened one is open again and not counted).</item>
/// <item>Escalations by status: every escalation of those conversations. By agency: those that
/// reached the agency (Sent or Acknowledged).</item>
/// <item>Opt-outs: conversations in which the texter sent STOP (or the carrier reported an opt-out).</item>
/// </list>
/// </summary>
public sealed record ReportFigures(
    ReportQuery Query,
    string TimeZoneId,
    int Conversations,
    int Closed,
    IReadOnlyList<DayCount> PerDay,
    IReadOnlyList<HourCount> PerHourOfDay,
    DurationStats FirstResponse,
    int Unanswered,
    DurationStats TimeToClose,
    IReadOnlyList<LabelCount> Dispositions,
    int SubstantiveCases,
    IReadOnlyList<LabelCount> RiskMix,
    IReadOnlyList<LabelCount> EscalationsByStatus,
    IReadOnlyList<LabelCount> EscalationsByAgency,
    int OptOuts,
    /// <summary>Referrals to services sent in those conversations, by kind of service.</summary>
    IReadOnlyList<LabelCount> ReferralsByKind);

/// <summary>One conversation as reports see it: no message text.</summary>
public sealed record ReportConversationRow(
    int Id,
    string PhoneNumber,
    DateTime CreatedUtc,
    DateTime? ClosedUtc,
    ConversationStatus Status,
    RiskLevel Risk,
    string? Disposition,
    string? Summary,
    bool IsTraining,
    bool IsReturning,
    bool OptedOut,
    DateTime? FirstAdvocateReplyUtc)
{
    public TimeSpan? FirstResponse => FirstAdvocateReplyUtc - CreatedUtc;

    public TimeSpan? TimeToClose => Status == ConversationStatus.Closed ? ClosedUtc - CreatedUtc : null;

    public string Reference => ConversationReference.For(Id);
}

public sealed record ReportEscalationRow(int ConversationId, EscalationStatus Status, string Agency, DateTime? SentUtc);

public static class ConversationReference
{
    /// <summary>How a conversation is named outside BeFree (CRM, spreadsheets): never by the texter's number.</summary>
    public static string For(int conversationId) => $"BEFREE-{conversationId}";
}
