using BeFree.Core.Escalations;

namespace BeFree.Web.Components.Pages.Escalations;

/// <summary>How escalation values without a shared label read on screen and on the printed packet (statuses and urgencies: <see cref="BeFree.Core.DisplayNames"/>; times: <see cref="BeFree.Core.Time.HotlineTime"/>).</summary>
public static class EscalationText
{
    public static string Reason(EscalationReason reason) => reason switch
    {
        EscalationReason.LaborTrafficking => "Labor trafficking",
        EscalationReason.SexTrafficking => "Sex trafficking",
        EscalationReason.ExploitationOfMinor => "Exploitation of a minor",
        EscalationReason.ImminentDanger => "Imminent danger",
        _ => "Other",
    };

    public static string Basis(ReportBasis basis) => basis switch
    {
        ReportBasis.Consent => "Texter's consent",
        ReportBasis.MandatoryReportMinor => "Mandatory report: the texter is a minor",
        ReportBasis.MandatoryReportImminentDanger => "Mandatory report: imminent danger",
        _ => "Not recorded",
    };

    public static string Event(EscalationEventKind kind) => kind switch
    {
        EscalationEventKind.Created => "Draft started",
        EscalationEventKind.Edited => "Draft edited",
        EscalationEventKind.Submitted => "Submitted for approval",
        EscalationEventKind.Approved => "Approved",
        EscalationEventKind.ReturnedToDraft => "Returned to draft",
        EscalationEventKind.Sent => "Sent to the agency",
        EscalationEventKind.Acknowledged => "Acknowledged by the agency",
        EscalationEventKind.Withdrawn => "Withdrawn",
        _ => kind.ToString(),
    };

    /// <summary>Statuses from which the escalation can still be withdrawn.</summary>
    public static bool IsOpen(EscalationStatus status)
        => status is EscalationStatus.Draft or EscalationStatus.PendingApproval or EscalationStatus.Approved;
}
