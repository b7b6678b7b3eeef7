using BeFree.Core.Live;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BeFree.Web.Endpoints;

/// <summary>
/// Degraded, not unhealthy, when Redis is configured but unreachable: this server still takes texts and
/// serves its own screens live; only screens on other servers miss its changes until Redis is back.
/// </summary>
public sealed class LiveBusHealthCheck(ILiveBus bus) : IHealthCheck
{
    public const string RedisUnavailable = "Redis unavailable";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(!bus.IsShared || bus.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(RedisUnavailable));
}
