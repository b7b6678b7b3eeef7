namespace BeFree.Web.Security;

internal static class SecurityHeaders
{
    /// <summary>Nothing here should be framed, sniffed, cached by shared caches or leak a referrer.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/_content") && !context.Request.Path.StartsWithSegments("/_framework"))
        {
            headers.CacheControl = "no-store";
        }
        await next(context);
    });
}
