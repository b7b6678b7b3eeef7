using BeFree.Core.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BeFree.Core.Observability;

public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>The "BeFree" meter, the figures it and the System page share, and their refresher.</summary>
    public static IServiceCollection AddBeFreeObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<LiveBusStatus>();
        services.AddSingleton<SystemFigures>();
        services.AddSingleton<BeFreeMetrics>();
        services.AddHostedService<SystemFiguresRefresher>();
        return services;
    }
}
