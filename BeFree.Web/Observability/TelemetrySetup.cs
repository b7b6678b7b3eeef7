using BeFree.Core.Observability;
using BeFree.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BeFree.Web.Observability;

/// <summary>
/// OpenTelemetry for the app: the BeFree meter and ASP.NET Core's own metrics, scraped by Prometheus at
/// <c>/metrics</c>; traces of webhooks, inbound stores, sends and requests, exported over OTLP when an
/// endpoint is configured (the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>). See decision 0016.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>Read by the OTLP exporter itself; BeFree only decides whether to export traces at all.</summary>
    private const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddBeFreeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("BeFree"))
            .WithMetrics(metrics => metrics
                .AddMeter(BeFreeTelemetry.Name)
                .AddPrometheusExporter());
        // Without a collector to send them to, spans would only cost time: no tracer at all then.
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(BeFreeTelemetry.Name)
                // .NET's own HttpClient spans: the request to Twilio inside each send.
                .AddSource("System.Net.Http")
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddOtlpExporter());
        }
        return services;
    }

    /// <summary>
    /// With <c>Metrics:ManagementPort</c> set, the app also listens on that port (beside the addresses it was
    /// given), so Prometheus can scrape it there without signing in. An app configured through
    /// <c>Kestrel:Endpoints</c> must list the port there itself: Kestrel then ignores these addresses.
    /// </summary>
    public static void ListenOnManagementPort(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection(MetricsOptions.Section).GetValue<int?>(nameof(MetricsOptions.ManagementPort)) is not { } port)
        {
            return;
        }
        var urls = ServerUrls(builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey), builder.WebHost.GetSetting(WebHostDefaults.HttpPortsKey),
            builder.WebHost.GetSetting(WebHostDefaults.HttpsPortsKey), port);
        builder.WebHost.UseUrls(urls);
    }

    /// <summary>The addresses the app was given (or Kestrel's default), plus the management port on every interface.</summary>
    public static string[] ServerUrls(string? urls, string? httpPorts, string? httpsPorts, int managementPort)
    {
        static IEnumerable<string> Split(string? list) => (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var given = Split(urls).ToList();
        if (given.Count == 0)
        {
            given = [.. Split(httpPorts).Select(p => $"http://*:{p}"), .. Split(httpsPorts).Select(p => $"https://*:{p}")];
        }
        if (given.Count == 0)
        {
            given = ["http://localhost:5000"];
        }
        var management = $"http://*:{managementPort}";
        return given.Any(u => u.EndsWith($":{managementPort}", StringComparison.Ordinal) || u.Contains($":{managementPort}/", StringComparison.Ordinal))
            ? [.. given]
            : [.. given, management];
    }

    /// <summary>
    /// The management port serves <c>/metrics</c> and <c>/healthz</c>, nothing else: it is plain HTTP for the
    /// monitoring network, not a second way into sign-in pages and staff screens.
    /// </summary>
    public static IApplicationBuilder UseManagementPortLimits(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value.ManagementPort is not { } port)
        {
            return app;
        }
        return app.Use(async (http, next) =>
        {
            if (http.Connection.LocalPort == port
                && !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/healthz"))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        });
    }

    /// <summary>
    /// <c>/metrics</c> answers on the management port to anyone who reaches it, elsewhere only to a signed-in
    /// Admin; everyone else gets 404, as if there were nothing there. The port is the connection's own local
    /// port, never the Host header, which the caller writes.
    /// </summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null,
            configureBranchedPipeline: branch => branch.Use(async (http, next) =>
            {
                if (await MayScrapeAsync(http))
                {
                    await next(http);
                    return;
                }
                if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                {
                    statusPages.Enabled = false;
                }
                http.Response.StatusCode = StatusCodes.Status404NotFound;
            }),
            optionsName: null);
        return endpoints;
    }

    private static async Task<bool> MayScrapeAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.ManagementPort is { } port && http.Connection.LocalPort == port)
        {
            return true;
        }
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, StaffPolicies.Admin)).Succeeded;
    }
}
