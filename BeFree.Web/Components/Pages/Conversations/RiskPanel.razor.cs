using Microsoft.AspNetCore.Components;
using BeFree.Core.Time;
using BeFree.Core.Conversations;
using BeFree.Core.Risk;

namespace BeFree.Web.Components.Pages.Conversations;

public sealed partial class RiskPanel
{
    [Inject] public required RiskService Risk { get; set; }
    [Inject] public required HotlineTime Time { get; set; }

    private IReadOnlyList<RiskHistoryItem> _history = [];
    private ConversationDetail? _historyFor;
    private RiskLevel _level;
    private string _reason = "";
    private string _dismissReason = "";

    protected override async Task OnParametersSetAsync()
    {
        if (_historyFor is null || _historyFor.ConversationId != Detail.ConversationId)
        {
            _level = Detail.Risk;
            _historyFor = null;
        }
        // The history changes only with the risk or the suggestion; re-read it then, not on every text.
        if (_historyFor is null || _historyFor.Risk != Detail.Risk || _historyFor.SuggestedRisk != Detail.SuggestedRisk)
        {
            _historyFor = Detail;
            _history = await Risk.GetHistoryAsync(ActorId, Detail.ConversationId);
        }
    }

    private async Task SetAsync()
    {
        var (level, reason) = (_level, _reason);
        if (await RunAsync(() => Risk.SetRiskAsync(ActorId, Detail.ConversationId, level, reason)))
        {
            _reason = "";
        }
    }

    private Task ConfirmAsync() => RunAsync(() => Risk.ConfirmSuggestionAsync(ActorId, Detail.ConversationId));

    private async Task DismissAsync()
    {
        var reason = string.IsNullOrWhiteSpace(_dismissReason) ? null : _dismissReason;
        if (await RunAsync(() => Risk.DismissSuggestionAsync(ActorId, Detail.ConversationId, reason)))
        {
            _dismissReason = "";
        }
    }
}
