using System.Threading.Channels;
using BeFree.Core.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Observability;

/// <summary>
/// Keeps <see cref="SystemFigures"/>' database figures fresh: a read after conversation changes on this
/// server, at most one per <see cref="MinimumGap"/> however many texts arrive, and one every
/// <c>Metrics:RefreshSeconds</c> otherwise (changes made through another server).
/// <para>
/// Its pauses are real time, not the app's <see cref="TimeProvider"/>: they only pace database reads, and a
/// test that moves a fake clock (retention, the sender) should find no timer of this loop on it.
/// </para>
/// </summary>
public sealed class SystemFiguresRefresher(
    SystemFigures figures,
    BeFreeMetrics metrics,
    ConversationNotifier notifier,
    IOptions<MetricsOptions> options,
    ILogger<SystemFiguresRefresher> logger) : BackgroundService
{
    /// <summary>A burst of a thousand texts a second costs one read a second, not one per text.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Taken with the host, so the meter and its gauges exist from the first scrape, before anything is recorded.
        GC.KeepAlive(metrics);
        await Task.Yield();
        var interval = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        using var subscription = notifier.Subscribe(change =>
        {
            _changed.Writer.TryWrite(true);
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await figures.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be busy or down; the figures stay as last read until the next try.
                logger.LogWarning(ex, "Could not refresh the system figures; trying again shortly");
            }
            try
            {
                await Task.Delay(MinimumGap, stoppingToken);
                using var timeout = new CancellationTokenSource(interval - MinimumGap);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
                await WaitForChangeAsync(wait.Token);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WaitForChangeAsync(CancellationToken timeout)
    {
        try
        {
            if (await _changed.Reader.WaitToReadAsync(timeout))
            {
                _changed.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The interval passed without a change here: read anyway, for other servers' changes.
        }
    }
}
