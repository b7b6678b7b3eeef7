using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace BeFree.Web.Components.Pages.Queue;

/// <summary>
/// The live queue. Shows the shared queue (<see cref="QueueSnapshots"/>: read once per change for every open
/// queue page), so an open page costs no database work per text; a one-second timer only re-renders so waiting times tick. A new conversation chimes (unless the advocate
/// turned sound off) and the tab title shows how many are waiting.
/// </summary>
public sealed partial class QueuePage : IDisposable
{
    private const string SoundPreference = "queue.sound";

    [Inject] private QueueService Queue { get; set; } = default!;
    [Inject] private QueueSnapshots Snapshots { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<QueuePage> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string _actorId = "";
    private IReadOnlyList<QueueItem> _items = [];
    private long _shownVersion = -1;
    private bool _accessChecked;
    private QueueSnapshot? _heldUntilChecked;
    private readonly HashSet<int> _seen = [];
    private readonly Dictionary<int, string> _rowResults = [];
    private DateTime _now;
    private bool _loaded;
    private bool _interactive;
    private bool _soundOn = true;
    private int? _claimingId;
    private string? _claimNotice;
    private string? _loadError;
    private bool _chimePending;
    private int _shownTitleCount = -1;
    private LiveUpdates? _live;
    private ITimer? _ticker;

    protected override async Task OnInitializedAsync()
    {
        _actorId = WorkspaceUser.ActorId((await AuthenticationState).User);
        _now = Clock.GetUtcNow().UtcDateTime;
        // Subscribe before reading the current queue, so a change in between is not missed; older versions are ignored.
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
        _live.Follow<QueueSnapshot>(h => Snapshots.Subscribe(h), OnQueueChangedAsync);
        await LoadAsync(initial: true);
        if (RendererInfo.IsInteractive)
        {
            _ticker = Clock.CreateTimer(_ => _ = TickAsync(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        if (firstRender)
        {
            var stored = await JS.InvokeAsync<string?>("befree.getPreference", SoundPreference);
            _soundOn = stored != "off";
            _interactive = true;
            StateHasChanged();
        }
        if (_shownTitleCount != _items.Count)
        {
            _shownTitleCount = _items.Count;
            await JS.InvokeVoidAsync("befree.setTitleCount", _items.Count);
        }
        if (_chimePending)
        {
            _chimePending = false;
            if (_soundOn)
            {
                await JS.InvokeAsync<bool>("befree.chime");
            }
        }
    }

    private async Task LoadAsync(bool initial)
    {
        try
        {
            Show(await Snapshots.GetAsync(_actorId), initial);
            _accessChecked = true;
            if (_heldUntilChecked is { } held)
            {
                _heldUntilChecked = null;
                Show(held, initial);
            }
            _loadError = null;
        }
        catch (StaffAuthorizationException ex)
        {
            _live?.StopAll();
            _heldUntilChecked = null;
            _loadError = ex.Message;
            _items = [];
            _loaded = true;
        }
    }

    /// <summary>What this screen derives from the shared queue: its own chime and the results of its own clicks.</summary>
    private void Show(QueueSnapshot snapshot, bool initial)
    {
        if (snapshot.Version <= _shownVersion)
        {
            return; // Deliveries and reads can cross; an older queue never replaces a newer one.
        }
        var first = _shownVersion < 0; // The first queue this screen shows chimes for nothing.
        _shownVersion = snapshot.Version;
        _items = snapshot.Items;
        var arrived = false;
        foreach (var item in _items)
        {
            arrived |= _seen.Add(item.ConversationId);
        }
        _chimePending |= arrived && !initial && !first;
        foreach (var gone in _rowResults.Keys.Where(id => _items.All(i => i.ConversationId != id)).ToList())
        {
            _rowResults.Remove(gone);
        }
        _loaded = true;
    }

    private Task OnQueueChangedAsync(QueueSnapshot snapshot)
    {
        if (!_accessChecked)
        {
            // Arrived before Core confirmed this person may see the queue: shown only once it has.
            _heldUntilChecked = snapshot;
            return Task.CompletedTask;
        }
        Show(snapshot, initial: false);
        _now = Clock.GetUtcNow().UtcDateTime;
        return Task.CompletedTask;
    }

    private Task TickAsync() => InvokeAsync(() =>
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        StateHasChanged();
    });

    private async Task ToggleSoundAsync(ChangeEventArgs e)
    {
        _soundOn = e.Value is true;
        await JS.InvokeVoidAsync("befree.setPreference", SoundPreference, _soundOn ? "on" : "off");
    }

    private async Task ClaimAsync(int conversationId)
    {
        if (_claimingId is not null)
        {
            return; // A double click, or a second row while the first claim is on its way.
        }
        _claimingId = conversationId;
        _claimNotice = null;
        _rowResults.Remove(conversationId);
        try
        {
            var result = await Queue.ClaimAsync(_actorId, conversationId);
            if (result.Succeeded)
            {
                Navigation.NavigateTo($"/conversations/{conversationId}");
                return;
            }
            _claimNotice = result.Message;
            _rowResults[conversationId] = result.Message;
        }
        catch (StaffAuthorizationException ex)
        {
            _claimNotice = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Claiming conversation {ConversationId} failed", conversationId);
            _claimNotice = "The claim could not be completed. The queue below is current; please try again.";
        }
        finally
        {
            _claimingId = null;
        }
        await LoadAsync(initial: false);
    }

    public void Dispose()
    {
        _live?.Dispose();
        _ticker?.Dispose();
    }
}
