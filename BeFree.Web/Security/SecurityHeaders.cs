namespace BeFree.Web.Security;

public static class SecurityHeaders
{
    /// <summary>
    /// Only this app's own scripts run (no inline script, no eval: Blazor Server and MudBlazor need
    /// neither); styles may be inline because MudBlazor components set style attributes; the circuit's
    /// WebSocket goes to this origin only; nothing frames the app, and forms post only to it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Nothing here should be framed, sniffed, cached by shared caches or leak a referrer.</summary>
    internal static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/_content") && !context.Request.Path.StartsWithSegments("/_framework"))
        {
            headers.CacheControl = "no-store";
        }
        // Added as the response starts, unless an endpoint set a stricter one of its own (media files).
        context.Response.OnStarting(() =>
        {
            if (!context.Response.Headers.ContainsKey("Content-Security-Policy"))
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }
            return Task.CompletedTask;
        });
        await next(context);
    });
}
