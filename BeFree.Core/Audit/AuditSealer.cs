using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Audit;

/// <summary>
/// Seals new audit entries every <see cref="AuditOptions.SealEvery"/>. Every app server runs one;
/// the chain's unique positions let them race safely (the loser leaves the work to the winner).
/// </summary>
public sealed class AuditSealer(AuditChain chain, IOptionsMonitor<AuditOptions> options, TimeProvider clock, ILogger<AuditSealer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.CurrentValue.SealEvery, clock, stoppingToken);
                try
                {
                    await chain.SealAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Unsealed entries stay protected by the append-only trigger; the next pass tries again.
                    logger.LogError(e, "Sealing the audit log failed.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
