namespace BeFree.Web.Endpoints;

public static class HealthEndpoints
{
    /// <summary><c>/healthz</c>: 200 when the database answers, 503 otherwise. No details leak out.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz").AllowAnonymous();
        return endpoints;
    }
}
