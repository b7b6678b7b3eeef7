using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Messaging.Inbound;

/// <summary>
/// Prepares the inbound path in the background as the app starts (see
/// <see cref="InboundSmsProcessor.WarmUpAsync"/>), so the first text after a start reaches the
/// queue as fast as every later one. A failure here only costs that speed, never the start.
/// </summary>
public sealed class InboundSmsWarmUp(InboundSmsProcessor processor, ILogger<InboundSmsWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Run(() => processor.WarmUpAsync(stoppingToken), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not prepare the inbound text path at start-up; the first text will take a little longer");
        }
    }
}
