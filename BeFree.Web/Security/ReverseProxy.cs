using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BeFree.Web.Security;

/// <summary>
/// Section <c>Proxy</c>: the TLS reverse proxies in front of BeFree. Their X-Forwarded-For, -Proto
/// and -Host headers are believed; anyone else's are ignored, so a client cannot claim HTTPS, another
/// address or another host name by sending the headers itself.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of the proxies, such as <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation such as <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var failures = new List<string>();
        failures.AddRange(options.KnownProxies.Where(p => !IPAddress.TryParse(p.Trim(), out _))
            .Select(p => $"Proxy:KnownProxies: '{p}' is not an IP address such as 10.0.0.5."));
        failures.AddRange(options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n.Trim(), out _))
            .Select(n => $"Proxy:KnownNetworks: '{n}' is not a network in CIDR notation such as 10.0.0.0/24."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class ReverseProxy
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>().Bind(configuration.GetSection(ProxyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only the configured proxies: not even loopback by default.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address.Trim()));
            }
            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
            // A chain of known proxies is unwound up to the first address that is not one of them.
            forwarded.ForwardLimit = null;
            // A forwarded host must be one the app answers to anyway (AllowedHosts).
            var allowedHosts = configuration["AllowedHosts"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (allowedHosts.Length > 0 && !allowedHosts.Contains("*"))
            {
                forwarded.AllowedHosts = allowedHosts;
            }
        });
        return services;
    }
}
