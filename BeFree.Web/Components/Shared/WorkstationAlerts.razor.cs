using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// Alerts everywhere in the workstation (it sits in the app bar, so it lives as long as the circuit): a new
/// conversation in the queue and a new texter message in any of my conversations update the counts
/// (<see cref="WorkstationAlertCounts"/>, shown as badges), the tab title, chime once per change (the person's
/// <see cref="StaffPreferences.ChimeOn"/>) and, if allowed, show a browser notification with fixed words.
/// The first read after opening only sets the counts: what was already there is not news.
/// </summary>
public sealed partial class WorkstationAlerts
{
    /// <summary>The one text a browser notification ever shows: no message, no number.</summary>
    public const string NotificationTitle = "BeFree";
    /// <summary>Fixed words, in the reader's language: never a message's text or number.</summary>
    public static string NotificationBody => SharedText.Get("Notification_Body");

    /// <summary>A plain parameter, not the cascaded staff: this piece is interactive on static pages too.</summary>
    [Parameter, EditorRequired] public string StaffId { get; set; } = "";

    [Inject] public required QueueSnapshots Queue { get; set; }
    [Inject] public required ConversationService Conversations { get; set; }
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required WorkstationAlertCounts Counts { get; set; }
    [Inject] public required WorkstationPreferences Preferences { get; set; }
    [Inject] public required IJSRuntime JS { get; set; }

    private HashSet<int>? _waiting;
    private Dictionary<int, int>? _unread;
    private MyConversationsWatch? _watch;
    private IReadOnlyList<MyConversationItem> _mine = [];
    // Set off the dispatcher by a change that can touch my list; a new queue alone re-reads nothing.
    private volatile bool _mineStale = true;
    private QueueSnapshot? _latestQueue;
    private bool _alertPending;
    private int _shownTitleCount = -1;
    private string _announcement = "";
    private bool _refused;

    protected override bool ShouldFollow => !_refused && StaffId.Length > 0;

    protected override Task BeforeFirstLoadAsync() => Preferences.LoadAsync(StaffId);

    protected override void Subscribe()
    {
        _mineStale = true; // The reload that follows subscribing re-reads: something may have changed since the first load.
        // The shared queue, computed once per change for every screen: it is shown as delivered.
        Follow<QueueSnapshot>(h => Queue.Subscribe(snapshot =>
        {
            _latestQueue = snapshot;
            return h(snapshot);
        }));
        // Only changes that can touch my list: a text in one of mine, or a conversation changing hands.
        Follow(h => Notifier.Subscribe(() =>
        {
            _mineStale = true;
            return h();
        }, Watch.Concerns));
    }

    private MyConversationsWatch Watch => _watch ??= new MyConversationsWatch(StaffId);

    protected override async Task LoadAsync()
    {
        if (StaffId.Length == 0 || _refused)
        {
            return;
        }
        IReadOnlyList<QueueItem> waiting;
        try
        {
            waiting = (_latestQueue ?? await Queue.GetAsync(StaffId)).Items;
            if (_mineStale)
            {
                _mineStale = false; // Before the read: a change during it asks for one more.
                _mine = await Conversations.ListMineAsync(StaffId);
                Watch.Shown(_mine.Select(m => m.ConversationId));
            }
        }
        catch (StaffAuthorizationException)
        {
            // Disabled or no longer answering: no alerts (the session guard ends the screen).
            _refused = true;
            StopFollowing();
            Counts.Set(0, 0);
            return;
        }
        Show(waiting, _mine);
    }

    private void Show(IReadOnlyList<QueueItem> waiting, IReadOnlyList<MyConversationItem> mine)
    {
        var waitingIds = waiting.Select(i => i.ConversationId).ToHashSet();
        var unread = mine.Where(m => m.UnreadCount > 0).ToDictionary(m => m.ConversationId, m => m.UnreadCount);

        if (_waiting is not null && _unread is not null)
        {
            var newInQueue = waitingIds.Count(id => !_waiting.Contains(id));
            var newInMine = unread.Where(u => u.Value > _unread.GetValueOrDefault(u.Key)).Select(u => u.Key).ToList();
            if (newInQueue > 0 || newInMine.Count > 0)
            {
                _alertPending = true;
                _announcement = Announcement(newInQueue, newInMine);
            }
        }
        _waiting = waitingIds;
        _unread = unread;
        Counts.Set(waitingIds.Count, unread.Count);
    }

    /// <summary>What a screen reader hears: where, never what.</summary>
    public static string Announcement(int newInQueue, IReadOnlyList<int> newInMine)
    {
        var parts = new List<string>();
        if (newInMine.Count == 1)
        {
            parts.Add(SharedText.Get("Announce_NewInConversation", newInMine[0]));
        }
        else if (newInMine.Count > 1)
        {
            parts.Add(SharedText.Get("Announce_NewInMine", newInMine.Count));
        }
        if (newInQueue == 1)
        {
            parts.Add(SharedText.Get("Announce_OneQueued"));
        }
        else if (newInQueue > 1)
        {
            parts.Add(SharedText.Get("Announce_ManyQueued", newInQueue));
        }
        return string.Join(" ", parts);
    }

    private string AlertsHref => Counts.MineWithNewTexts > 0 ? WorkstationAlertCounts.MineHref : WorkstationAlertCounts.QueueHref;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        if (!IsFollowing)
        {
            return; // Prerendering, refused, or not yet subscribed: the title and sounds wait for live counts.
        }
        if (_shownTitleCount != Counts.Total)
        {
            _shownTitleCount = Counts.Total;
            await JS.InvokeVoidAsync("befree.setTitleCount", Counts.Total);
        }
        if (_alertPending)
        {
            _alertPending = false;
            var preferences = Preferences.Current;
            if (preferences.ChimeOn)
            {
                await JS.InvokeAsync<bool>("befree.chime");
            }
            if (preferences.BrowserNotificationsOn)
            {
                await JS.InvokeVoidAsync("befree.notify", NotificationTitle, NotificationBody);
            }
        }
    }
}
