using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BeFree.Web.Endpoints;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: 200 when the database answers ("Healthy", or "Degraded: Redis unavailable" when live
    /// updates cannot reach the other app servers), 503 otherwise. Only the checks' own short descriptions
    /// leak out, never an exception.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteStatusAsync }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteStatusAsync(HttpContext http, HealthReport report)
    {
        var problems = report.Entries.Values
            .Where(e => e.Status != HealthStatus.Healthy && !string.IsNullOrEmpty(e.Description))
            .Select(e => e.Description!)
            .Distinct();
        var text = report.Status.ToString();
        if (problems.Any())
        {
            text += ": " + string.Join("; ", problems);
        }
        http.Response.ContentType = "text/plain";
        return http.Response.WriteAsync(text);
    }
}
