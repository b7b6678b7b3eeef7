using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>The connection string that makes live updates travel between app servers.</summary>
    public const string RedisConnectionStringName = "Redis";

    /// <summary>
    /// With <c>ConnectionStrings:Redis</c> set, live updates reach every app server through Redis; without
    /// it they stay in this process (one server).
    /// </summary>
    public static IServiceCollection AddBeFreeLiveBus(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString(RedisConnectionStringName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<ILiveBus>(InProcessLiveBus.Instance);
        }
        else
        {
            services.AddSingleton<ILiveBus>(sp => new RedisLiveBus(redis, sp.GetRequiredService<ILogger<RedisLiveBus>>()));
        }
        return services;
    }
}
