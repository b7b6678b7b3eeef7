using System.Globalization;
using BeFree.Core.Observability;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

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
    [Inject] public required HotlineTime Time { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private LiveUpdates? _live;
    private Timer? _ticker;
    private SystemSnapshot? _previousTick;
    private SystemSnapshot? _snapshot;
    private SystemRates? _rates;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _previousTick = _snapshot;
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
        _live.Follow(h => Figures.Subscribe(h), LoadAsync);
        if (RendererInfo.IsInteractive && _error is null)
        {
            _ticker = new Timer(_ => _ = InvokeAsync(TickAsync), null, RateTick, RateTick);
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _snapshot = await Figures.GetAsync(Staff.Id);
        }
        catch (StaffAuthorizationException ex)
        {
            _error = ex.Message;
            _snapshot = null;
        }
    }

    private async Task TickAsync()
    {
        await LoadAsync();
        if (_snapshot is not null)
        {
            if (_previousTick is not null)
            {
                _rates = SystemRates.Between(_previousTick, _snapshot);
            }
            _previousTick = _snapshot;
        }
        StateHasChanged();
    }

    private string OldestWait => _snapshot?.OldestWait is { } wait
        ? (wait.TotalHours >= 1 ? $"{(int)wait.TotalHours}h {wait.Minutes:D2}m" : $"{(int)wait.TotalMinutes}:{wait.Seconds:D2}")
        : "–";

    /// <summary>Over the last tick when webhooks came in then, otherwise since start.</summary>
    private string MeanTime(WebhookFigures webhook)
    {
        var mean = _rates?.MeanWebhookTime.GetValueOrDefault(webhook.Kind)
            ?? (webhook.Count > 0 ? webhook.TotalTime / webhook.Count : (TimeSpan?)null);
        return mean is { } time ? $"{time.TotalMilliseconds:0.#} ms" : "–";
    }

    /// <summary>With seconds: the figures refresh more often than once a minute.</summary>
    private string ReadAt(DateTime utc) => Time.ToLocal(utc).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string LiveBusText(LiveBusState state) => state switch
    {
        LiveBusState.Connected => AdminText.Get("Sys_RedisConnected"),
        LiveBusState.Unavailable => AdminText.Get("Sys_RedisDown"),
        _ => AdminText.Get("Sys_SingleServer"),
    };

    public void Dispose()
    {
        _ticker?.Dispose();
        _live?.Dispose();
    }
}
