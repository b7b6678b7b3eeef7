using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;

namespace BeFree.Core;

/// <summary>
/// The words people read for every value the code keeps as an enum or a role name: pages, reports and exports print
/// these, never <c>PendingApproval</c> or <c>ShiftLead</c>. A value added to an enum without a label here shows
/// as its code name split into words, so it is never blank (a test lists every value).
/// </summary>
public static class DisplayNames
{
    public static string Of(RiskLevel risk) => risk switch
    {
        RiskLevel.Unknown => "Not assessed",
        RiskLevel.Low => "Low",
        RiskLevel.Moderate => "Moderate",
        RiskLevel.High => "High",
        RiskLevel.Imminent => "Imminent",
        _ => Words(risk),
    };

    public static string Of(EscalationStatus status) => status switch
    {
        EscalationStatus.Draft => "Draft",
        EscalationStatus.PendingApproval => "Awaiting approval",
        EscalationStatus.Approved => "Approved",
        EscalationStatus.Sent => "Sent",
        EscalationStatus.Acknowledged => "Acknowledged",
        EscalationStatus.Withdrawn => "Withdrawn",
        _ => Words(status),
    };

    public static string Of(EscalationUrgency urgency) => urgency switch
    {
        EscalationUrgency.Routine => "Routine",
        EscalationUrgency.Urgent => "Urgent",
        EscalationUrgency.Emergency => "Emergency",
        _ => Words(urgency),
    };

    public static string Of(ConversationStatus status) => status switch
    {
        ConversationStatus.Queued => "Waiting in the queue",
        ConversationStatus.Assigned => "Open",
        ConversationStatus.Closed => "Closed",
        _ => Words(status),
    };

    /// <summary>Delivery status of a text, as an advocate reads it beside the message.</summary>
    public static string Of(MessageStatus status) => status switch
    {
        MessageStatus.Received => "Received",
        MessageStatus.Queued => "Waiting to send",
        MessageStatus.Sending => "Sending",
        MessageStatus.Sent => "Sent",
        MessageStatus.Delivered => "Delivered",
        MessageStatus.Undelivered => "Not delivered",
        MessageStatus.Failed => "Failed",
        MessageStatus.Read => "Read",
        MessageStatus.Held => "Held",
        MessageStatus.Discarded => "Discarded",
        _ => Words(status),
    };

    public static string Of(ConversationNoteKind kind) => kind switch
    {
        ConversationNoteKind.Note => "Note",
        ConversationNoteKind.Transfer => "Transfer",
        ConversationNoteKind.TakeOver => "Take-over",
        ConversationNoteKind.Release => "Release",
        _ => Words(kind),
    };

    public static string Of(PresenceState state) => state switch
    {
        PresenceState.Offline => "Offline",
        PresenceState.Away => "Away",
        PresenceState.Online => "Online",
        _ => Words(state),
    };

    public static string Of(RiskAssessmentKind kind) => kind switch
    {
        RiskAssessmentKind.Set => "Set",
        RiskAssessmentKind.SuggestionRaised => "Suggested",
        RiskAssessmentKind.SuggestionConfirmed => "Suggestion confirmed",
        RiskAssessmentKind.SuggestionDismissed => "Suggestion dismissed",
        _ => Words(kind),
    };

    /// <summary>A role name as stored (<see cref="StaffRoles"/>).</summary>
    public static string Role(string role) => role switch
    {
        StaffRoles.Advocate => "Advocate",
        StaffRoles.ShiftLead => "Shift lead",
        StaffRoles.Admin => "Admin",
        _ => Words(role),
    };

    /// <summary>"PendingApproval" → "Pending approval": the fallback for a value without its own label.</summary>
    public static string Words<T>(T value) where T : notnull
    {
        var name = value.ToString() ?? "";
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
