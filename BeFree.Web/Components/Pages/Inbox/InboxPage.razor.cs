using BeFree.Core;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Web.Components.Pages.Conversations;
using BeFree.Web.Components.Pages.Queue;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BeFree.Web.Components.Pages.Inbox;

/// <summary>
/// The advocate's inbox: my conversations and the queue on the left, the open conversation's thread and reply box in
/// the centre, what is known about it on the right, all on one screen. The open conversation is in the URL
/// (<c>/inbox/42</c>), so a refresh or a link opens the same one; choosing another only changes the parameter.
/// The conversation's own panels are the conversation page's, reused; Core checks every action as there.
/// </summary>
public sealed partial class InboxPage : IAsyncDisposable
{
    /// <summary>How often the waiting times ("4 min ago") are re-rendered.</summary>
    public static readonly TimeSpan WaitTick = TimeSpan.FromSeconds(30);

    [Inject] public required ConversationService Conversations { get; set; }
    [Inject] public required EscalationService Escalations { get; set; }
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required QueueService Queue { get; set; }
    [Inject] public required QueueSnapshots Snapshots { get; set; }
    [Inject] public required HotlineTime Time { get; set; }
    [Inject] public required TimeProvider Clock { get; set; }
    [Inject] public required NavigationManager Navigation { get; set; }
    [Inject] public required WorkstationPreferences Preferences { get; set; }
    [Inject] public required IDialogService Dialogs { get; set; }
    [Inject] public required IJSRuntime JS { get; set; }
    [Inject] public required ILogger<InboxPage> Logger { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    [Parameter] public int? ConversationId { get; set; }

    private IReadOnlyList<MyConversationItem> _mine = [];
    private IReadOnlyList<QueueItem> _queue = [];
    private long _queueVersion = -1;
    private ConversationWorkspace? _workspace;
    private ActionRunner? _claims;
    private string? _loadError;
    private string? _claimNotice;
    private int? _claimingId;
    private bool _loaded;
    /// <summary>The conversation the centre and right show (null: none yet read).</summary>
    private int? _loadedFor;
    /// <summary>Set by a change to the open conversation (from any thread); the next load re-reads it.</summary>
    private volatile bool _conversationStale = true;
    /// <summary>Set by a change that can touch my list (<see cref="MyConversationsWatch"/>); the next load re-reads it.</summary>
    private volatile bool _mineStale = true;
    private MyConversationsWatch? _watch;
    /// <summary>The newest shared queue delivered to this screen (null until the first arrives).</summary>
    private QueueSnapshot? _latestQueue;
    private ElementReference _threadPane;
    private ITimer? _ticker;
    private ThreadPaneScript<InboxPage>? _script;

    private ThreadPaneScript<InboxPage> Script => _script ??= new(JS);

    /// <summary>My conversations in the inbox's order (awaiting an answer first).</summary>
    public IReadOnlyList<MyConversationItem> Mine => _mine;

    /// <summary>The open conversation, read as the conversation page reads it.</summary>
    private ConversationWorkspace Workspace => _workspace ??= new ConversationWorkspace(Conversations, Escalations);

    /// <summary>Claims run as every action does: one at a time, Core's refusals shown as written, nothing thrown.</summary>
    private ActionRunner Claims => _claims ??= new ActionRunner(Logger, L["ClaimFailed"]);

    private string StatusText => Workspace.Detail switch
    {
        null => "",
        { Status: ConversationStatus.Closed or ConversationStatus.Queued } and var detail => DisplayNames.Of(detail.Status),
        { IsMine: true } => L["StatusYours"],
        var detail => L["StatusHeldBy", detail.AssignedToName ?? ""],
    };

    /// <summary>The texters' language the two lists show (null: all). Counts and shortcuts follow what is shown.</summary>
    private ConversationLanguage? _language;

    private List<MyConversationItem> MineShown => [.. _mine.Where(i => LanguageFilter.Shows(_language, i.Language))];

    private List<QueueItem> QueueShown => [.. _queue.Where(i => LanguageFilter.Shows(_language, i.Language))];

    protected override bool ShouldFollow => _loadError is null;

    protected override async Task BeforeFirstLoadAsync()
    {
        if (Staff.IsSignedIn)
        {
            await Preferences.LoadAsync(Staff.Id);
        }
    }

    protected override void Subscribe()
    {
        // A change re-reads my list only if it can touch it, and the open conversation only if it is about that one:
        // a new texter writing to the queue costs this screen no read (the queue below is shared).
        // The reload that follows subscribing re-reads both: something may have changed since the first load.
        _mineStale = true;
        _conversationStale = true;
        Follow(h => Notifier.Subscribe(change =>
        {
            if (change.ConversationId == ConversationId)
            {
                _conversationStale = true;
            }
            if (Watch.Concerns(change))
            {
                _mineStale = true;
            }
            return h();
        }, change => change.ConversationId == ConversationId || Watch.Concerns(change)));
        Follow<QueueSnapshot>(h => Snapshots.Subscribe(snapshot =>
        {
            _latestQueue = snapshot;
            return h(snapshot);
        }));
        Preferences.Changed += PreferencesChanged;
        _ticker = Clock.CreateTimer(_ => _ = TickAsync(), null, WaitTick, WaitTick);
    }

    private MyConversationsWatch Watch => _watch ??= new MyConversationsWatch(Staff.Id);

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded && _loadedFor != ConversationId)
        {
            _conversationStale = true;
            _claimNotice = null;
            await RequestReloadAsync();
        }
    }

    protected override async Task LoadAsync()
    {
        try
        {
            if (_mineStale)
            {
                _mineStale = false; // Before the read: a change during it asks for one more.
                _mine = InboxList.Order(await Conversations.ListMineAsync(Staff.Id));
                Watch.Shown(_mine.Select(m => m.ConversationId));
            }
            ShowQueue(_latestQueue ?? await Snapshots.GetAsync(Staff.Id));
            _loadError = null;
        }
        catch (StaffAuthorizationException ex)
        {
            StopFollowing();
            _loadError = ex.Message;
            _mine = [];
            _queue = [];
            Workspace.Clear();
            _loaded = true;
            return;
        }
        if (_conversationStale || _loadedFor != ConversationId)
        {
            _conversationStale = false;
            await LoadConversationAsync();
        }
        _loaded = true;
    }

    private void ShowQueue(QueueSnapshot snapshot)
    {
        if (snapshot.Version > _queueVersion)
        {
            _queueVersion = snapshot.Version; // Deliveries and reads can cross; an older queue never replaces a newer one.
            _queue = snapshot.Items;
        }
    }

    private async Task LoadConversationAsync()
    {
        var id = ConversationId;
        _loadedFor = id;
        // The holder looking at it reads whatever arrived (the change this publishes re-reads the list).
        await Workspace.LoadAsync(Staff.Id, id, markRead: RendererInfo.IsInteractive);
        Script.Shown(id, Workspace.Detail);
    }

    private Task ReloadConversationAsync()
    {
        _conversationStale = true;
        return RequestReloadAsync();
    }

    /// <summary>Opens a conversation: the URL changes (history, refresh and links work), the page follows the parameter.</summary>
    public void Select(int conversationId)
    {
        if (conversationId != ConversationId)
        {
            Navigation.NavigateTo($"/inbox/{conversationId}", replace: false);
        }
    }

    private async Task ClaimAsync(int conversationId)
    {
        if (Claims.Busy)
        {
            return; // A double click, or a second row while the first claim is on its way.
        }
        _claimingId = conversationId;
        _claimNotice = null;
        ClaimResult? result = null;
        try
        {
            if (await Claims.RunAsync(async () => result = await Queue.ClaimAsync(Staff.Id, conversationId)) && result!.Succeeded)
            {
                Select(conversationId);
            }
            else
            {
                // Someone else was quicker, or Core refused: the queue below is re-read and current.
                _claimNotice = Claims.Error ?? result?.Message;
            }
        }
        finally
        {
            _claimingId = null;
        }
        await RequestReloadAsync();
    }

    /// <summary>A key press reported by the browser (inbox.js); what it means is <see cref="InboxShortcuts"/>'.</summary>
    [JSInvokable]
    public Task OnShortcutKey(string key, bool alt, bool typing) => RunAsync(InboxShortcuts.Resolve(key, alt, typing));

    public async Task RunAsync(InboxCommand command)
    {
        switch (command)
        {
            case InboxCommand.NextConversation or InboxCommand.PreviousConversation:
                if (InboxList.Neighbour(MineShown, ConversationId, command == InboxCommand.NextConversation ? 1 : -1) is { } next)
                {
                    Select(next);
                }
                break;
            case InboxCommand.ClaimNext:
                if (QueueShown is [var first, ..])
                {
                    await ClaimAsync(first.ConversationId);
                }
                else
                {
                    _claimNotice = _queue.Count > 0 ? L["NobodyWaitingInLanguage"] : L["NobodyWaiting"];
                    StateHasChanged();
                }
                break;
            case InboxCommand.FocusReply:
                await Script.CallAsync("focusReply"); // The reply box sits below the thread pane, not in it.
                break;
            case InboxCommand.LeaveReply:
                await Script.CallAsync("leaveField");
                break;
            case InboxCommand.ShowHelp:
                await ShowShortcutsAsync();
                break;
        }
    }

    private Task ShowShortcutsAsync() => Dialogs.ShowAsync<ShortcutsDialog>(L["KeyboardShortcuts"],
        new DialogOptions { CloseOnEscapeKey = true, CloseButton = true, MaxWidth = MaxWidth.Small });

    /// <summary>The browser says the thread pane reached or left its newest text.</summary>
    [JSInvokable]
    public void OnThreadScrolled(bool atBottom)
    {
        if (Script.Scrolled(atBottom))
        {
            StateHasChanged();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        if (!RendererInfo.IsInteractive || IsDisposed)
        {
            return;
        }
        await Script.AfterRenderAsync(this, _threadPane, listenForShortcuts: true);
    }

    private Task TickAsync() => InvokeInCultureAsync(StateHasChanged);

    private void PreferencesChanged() => _ = InvokeInCultureAsync(StateHasChanged);

    protected override void Dispose(bool disposing)
    {
        _ticker?.Dispose();
        Preferences.Changed -= PreferencesChanged;
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        Dispose();
        if (_script is not null)
        {
            await _script.DisposeAsync();
        }
    }
}
