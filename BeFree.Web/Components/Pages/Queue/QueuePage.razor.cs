using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Queue;

/// <summary>
/// The live queue. Shows the shared queue (<see cref="QueueSnapshots"/>: read once per change for every open
/// queue page), so an open page costs no database work per text; a one-second timer only re-renders so waiting
/// times tick. The chime, tab title and badges for new texts are the workstation's (<see cref="WorkstationAlerts"/>),
/// on every page.
/// </summary>
public sealed partial class QueuePage
{
    [Inject] public required QueueService Queue { get; set; }
    [Inject] public required QueueSnapshots Snapshots { get; set; }
    [Inject] public required TimeProvider Clock { get; set; }
    [Inject] public required NavigationManager Navigation { get; set; }
    [Inject] public required ILogger<QueuePage> Logger { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private IReadOnlyList<QueueItem> _items = [];
    private long _shownVersion = -1;
    private readonly Dictionary<int, string> _rowResults = [];
    private DateTime _now;
    private bool _loaded;
    private int? _claimingId;
    private string? _claimNotice;
    private string? _loadError;
    private ITimer? _ticker;
    /// <summary>The texters' language the table shows (null: all); the count above it is every waiting texter.</summary>
    private BeFree.Core.Conversations.ConversationLanguage? _language;

    private IEnumerable<QueueItem> Shown => _items.Where(i => LanguageFilter.Shows(_language, i.Language));

    protected override bool ShouldFollow => _loadError is null;

    protected override void Subscribe()
    {
        Follow<QueueSnapshot>(h => Snapshots.Subscribe(snapshot =>
        {
            _latestQueue = snapshot;
            return h(snapshot);
        }));
        _ticker = Clock.CreateTimer(_ => _ = TickAsync(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// Core checks this person may see the queue when the page opens; after that the page shows each shared queue as
    /// delivered, so a text costs an open page no database read (a disabled account's session guard ends the page).
    /// </summary>
    protected override async Task LoadAsync()
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        try
        {
            Show(_latestQueue ?? await Snapshots.GetAsync(Staff.Id));
            _loadError = null;
        }
        catch (StaffAuthorizationException ex)
        {
            StopFollowing();
            _loadError = ex.Message;
            _items = [];
            _loaded = true;
        }
    }

    /// <summary>The newest shared queue delivered to this page (null until the first arrives).</summary>
    private QueueSnapshot? _latestQueue;

    private void Show(QueueSnapshot snapshot)
    {
        if (snapshot.Version <= _shownVersion)
        {
            return; // Deliveries and reads can cross; an older queue never replaces a newer one.
        }
        _shownVersion = snapshot.Version;
        _items = snapshot.Items;
        foreach (var gone in _rowResults.Keys.Where(id => _items.All(i => i.ConversationId != id)).ToList())
        {
            _rowResults.Remove(gone);
        }
        _loaded = true;
    }

    private Task TickAsync() => InvokeInCultureAsync(() =>
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        StateHasChanged();
    });

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
            var result = await Queue.ClaimAsync(Staff.Id, conversationId);
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
            _claimNotice = L["ClaimFailed"];
        }
        finally
        {
            _claimingId = null;
        }
        await RequestReloadAsync();
    }

    protected override void Dispose(bool disposing) => _ticker?.Dispose();
}
