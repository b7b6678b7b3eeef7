using System.Security.Claims;
using BeFree.Core.Observability;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>
/// The pipeline's figures, live: the page re-reads them whenever they change (a database refresh after
/// conversation changes, a screen opening or closing), and a tick every few seconds turns the totals into rates.
/// </summary>
public partial class SystemPage
{
    /// <summary>Rates over less than this would jump about.</summary>
    private static readonly TimeSpan RateTick = TimeSpan.FromSeconds(5);

    [Inject] public required SystemFigures Figures { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private LiveUpdates? _live;
    private Timer? _ticker;
    private string _actorId = "";
    private SystemSnapshot? _previousTick;
    private SystemSnapshot? snapshot;
    private SystemRates? rates;
    private string? error;

    protected override async Task OnInitializedAsync()
    {
        _actorId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await LoadAsync();
        _previousTick = snapshot;
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
        _live.Follow(h => Figures.Subscribe(h), LoadAsync);
        if (RendererInfo.IsInteractive && error is null)
        {
            _ticker = new Timer(_ => _ = InvokeAsync(TickAsync), null, RateTick, RateTick);
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            snapshot = await Figures.GetAsync(_actorId);
        }
        catch (StaffAuthorizationException ex)
        {
            error = ex.Message;
            snapshot = null;
        }
    }

    private async Task TickAsync()
    {
        await LoadAsync();
        if (snapshot is not null)
        {
            if (_previousTick is not null)
            {
                rates = SystemRates.Between(_previousTick, snapshot);
            }
            _previousTick = snapshot;
        }
        StateHasChanged();
    }

    private string OldestWait => snapshot?.OldestWait is { } wait
        ? (wait.TotalHours >= 1 ? $"{(int)wait.TotalHours}h {wait.Minutes:D2}m" : $"{(int)wait.TotalMinutes}:{wait.Seconds:D2}")
        : "–";

    /// <summary>Over the last tick when webhooks came in then, otherwise since start.</summary>
    private string MeanTime(WebhookFigures webhook)
    {
        var mean = rates?.MeanWebhookTime.GetValueOrDefault(webhook.Kind)
            ?? (webhook.Count > 0 ? webhook.TotalTime / webhook.Count : (TimeSpan?)null);
        return mean is { } time ? $"{time.TotalMilliseconds:0.#} ms" : "–";
    }

    private static string LiveBusText(LiveBusState state) => state switch
    {
        LiveBusState.Connected => "Redis connected",
        LiveBusState.Unavailable => "Redis not reachable",
        _ => "single server (no Redis configured)",
    };

    public void Dispose()
    {
        _ticker?.Dispose();
        _live?.Dispose();
    }
}
