using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.Escalations;

/// <summary>
/// Drafting an escalation from a conversation: loads the conversation, its escalations and the one
/// being edited (?escalation=id); the form does the work.
/// </summary>
public partial class EscalateConversationPage : IDisposable
{
    [Inject] private ConversationNotifier Notifier { get; set; } = default!;

    [Inject] private ConversationService Conversations { get; set; } = default!;

    [Inject] private EscalationService Escalations { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ILogger<EscalateConversationPage> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter] public int ConversationId { get; set; }

    [SupplyParameterFromQuery(Name = "escalation")] public int? EscalationQuery { get; set; }

    private string actorId = "";
    private (int, int?)? loadedKey;
    private ConversationDetail? conversation;
    private EscalationView? current;
    private IReadOnlyList<EscalationListItem> others = [];
    private string? loadError;
    private string? notice;
    private LiveUpdates? live;

    protected override async Task OnParametersSetAsync()
    {
        if (loadedKey == (ConversationId, EscalationQuery))
        {
            return;
        }
        loadedKey = (ConversationId, EscalationQuery);
        actorId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await LoadAsync(EscalationQuery);
        if (live is null)
        {
            live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
            live.Follow(h => Notifier.Subscribe(h, IsMovedOnBySomeoneElse), () => LoadAsync(current?.Id ?? EscalationQuery));
        }
    }

    /// <summary>A lead approved or returned it (or a colleague moved it on): show it without a reload.</summary>
    private bool IsMovedOnBySomeoneElse(ConversationChange change)
        => change.ConversationId == ConversationId && change.Kind == ConversationChangeKind.EscalationChanged && change.StaffId != actorId;

    public void Dispose() => live?.Dispose();

    private async Task LoadAsync(int? escalationId)
    {
        try
        {
            conversation = await Conversations.GetDetailAsync(actorId, ConversationId);
            others = await Escalations.ListForConversationAsync(actorId, ConversationId);
            current = escalationId is int id ? await Escalations.GetAsync(actorId, id) : null;
            if (current is not null && current.ConversationId != ConversationId)
            {
                current = null;
                loadError = "That escalation belongs to another conversation.";
                return;
            }
            loadError = null;
        }
        catch (Exception e) when (ActionPanelBase.IsRuleMessage(e))
        {
            conversation = null;
            loadError = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading the escalation page failed.");
            conversation = null;
            loadError = "This page could not be loaded. Reload to try again.";
        }
    }

    /// <summary>The form saved or moved the escalation on: show its new state and keep its id in the address.</summary>
    private async Task SavedAsync(EscalationSaved saved)
    {
        var escalationId = saved.EscalationId;
        notice = saved.Notice;
        await LoadAsync(escalationId);
        if (EscalationQuery != escalationId)
        {
            loadedKey = (ConversationId, escalationId);
            Navigation.NavigateTo($"/conversations/{ConversationId}/escalate?escalation={escalationId}", replace: true);
        }
    }
}
