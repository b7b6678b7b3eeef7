using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using BeFree.Web.Components.Pages.Queue;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.Conversations;

/// <summary>
/// One conversation: route, data load and live updates. Re-reads only when a change concerns this
/// conversation; clears the unread count when the holder has it open.
/// </summary>
public sealed partial class ConversationPage : IDisposable
{
    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private EscalationService Escalations { get; set; } = default!;
    [Inject] private ConversationNotifier Notifier { get; set; } = default!;
    [Inject] private WorkstationPreferences Preferences { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter] public int ConversationId { get; set; }

    private string _actorId = "";
    private bool _isShiftLead;
    private ConversationDetail? _detail;
    private IReadOnlyList<EscalationListItem> _escalations = [];
    private string? _refusal;
    private HandoverNotice? _handover;
    private LiveUpdates? _live;
    private int _subscribedTo;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);

    private string StatusText => _detail switch
    {
        null => "",
        { Status: ConversationStatus.Closed } => "Closed",
        { Status: ConversationStatus.Queued } => "Waiting in the queue",
        { IsMine: true } => "Yours",
        _ => $"Held by {_detail.AssignedToName}",
    };

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _actorId = WorkspaceUser.ActorId(user);
        _isShiftLead = user.IsInRole(StaffRoles.ShiftLead);
        if (_actorId.Length > 0)
        {
            await Preferences.LoadAsync(_actorId); // Once per screen: "Enter sends" for the reply box.
        }
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_subscribedTo == ConversationId && _detail is not null)
        {
            return;
        }
        _detail = null;
        _refusal = null;
        _handover = null;
        _escalations = [];
        await LoadAsync();
        if (RendererInfo.IsInteractive && _subscribedTo != ConversationId)
        {
            _live!.StopAll();
            _subscribedTo = ConversationId;
            var conversationId = ConversationId;
            _live.Follow(h => Notifier.Subscribe(conversationId, h), LoadAsync);
        }
    }

    private async Task LoadAsync()
    {
        // Changes come in bursts (a text, then its status); one read at a time keeps the newest on screen.
        await _reloadGate.WaitAsync();
        try
        {
            _detail = await Conversations.GetDetailAsync(_actorId, ConversationId);
            _escalations = await Escalations.ListForConversationAsync(_actorId, ConversationId);
            _refusal = null;
            // A lead may still read a conversation taken from them: say so above the thread.
            _handover = _detail.IsMine ? null : await Conversations.GetHandoverNoticeAsync(_actorId, ConversationId);
        }
        catch (Exception e) when (e is StaffAuthorizationException or ConversationActionException)
        {
            _detail = null;
            _refusal = e.Message;
            // Taken over or transferred away while open here (or followed from an old link): the page says who has
            // it and why, and stays, instead of a refusal.
            _handover = await HandoverOrNullAsync();
        }
        finally
        {
            _reloadGate.Release();
        }
        if (RendererInfo.IsInteractive && _detail is { IsMine: true, UnreadCount: > 0 })
        {
            // The holder is looking at it: whatever arrived is read. Outside the gate: marking read
            // publishes a change, and this page's own handler re-reads through the gate.
            await Conversations.MarkReadAsync(_actorId, ConversationId);
        }
    }

    private Task ReloadAsync() => LoadAsync();

    /// <summary>The handover notice, or none when the account itself is refused (disabled): the refusal says that.</summary>
    private async Task<HandoverNotice?> HandoverOrNullAsync()
    {
        try
        {
            return await Conversations.GetHandoverNoticeAsync(_actorId, ConversationId);
        }
        catch (StaffAuthorizationException)
        {
            return null;
        }
    }

    public void Dispose() => _live?.Dispose();
}
