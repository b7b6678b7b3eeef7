using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Escalations;

public sealed partial class EscalationActions
{
    [Inject] public required EscalationService Escalations { get; set; }

    [Parameter, EditorRequired] public EscalationView Escalation { get; set; } = default!;

    /// <summary>From the signed-in staff member: only decides which buttons show. Core checks the role itself.</summary>
    [Parameter] public bool IsLead { get; set; }

    [Parameter] public EventCallback<string> OnChanged { get; set; }

    private string? _approveNote = "";
    private string? _returnNote = "";
    private string? _sentNote = "";
    private string? _agencyReference = "";
    private string? _withdrawReason = "";

    private bool CanSendNow => Escalation.ConversationRisk == RiskLevel.Imminent
        && Escalation.Status is EscalationStatus.Draft or EscalationStatus.PendingApproval;

    private Task ApproveAsync() => Step(() => Escalations.ApproveAsync(ActorId, Escalation.Id, Blank(_approveNote)), L["Notice_Approved"]);

    private Task ReturnAsync() => Step(() => Escalations.ReturnToDraftAsync(ActorId, Escalation.Id, _returnNote ?? ""), L["Notice_Returned"]);

    private Task MarkSentAsync() => Step(() => Escalations.MarkSentAsync(ActorId, Escalation.Id, Blank(_sentNote)), L["Notice_Sent"]);

    private Task AcknowledgeAsync() => Step(() => Escalations.AcknowledgeAsync(ActorId, Escalation.Id, Blank(_agencyReference)), L["Notice_Acknowledged"]);

    private Task WithdrawAsync() => Step(() => Escalations.WithdrawAsync(ActorId, Escalation.Id, _withdrawReason ?? ""), L["Notice_Withdrawn"]);

    private async Task Step(Func<Task> action, string notice)
    {
        if (await RunAsync(action))
        {
            _approveNote = _returnNote = _sentNote = _agencyReference = _withdrawReason = "";
            await OnChanged.InvokeAsync(notice);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
