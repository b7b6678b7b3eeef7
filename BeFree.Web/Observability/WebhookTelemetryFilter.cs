using System.Diagnostics;
using BeFree.Core.Observability;

namespace BeFree.Web.Observability;

/// <summary>
/// Times each Twilio webhook (from the endpoint's start to its answer) by kind, the last segment of its
/// route (sms, status), and traces it as a span around the inbound store or the status update.
/// </summary>
public sealed class WebhookTelemetryFilter(BeFreeMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var kind = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "unknown";
        using var activity = BeFreeTelemetry.ActivitySource.StartActivity(BeFreeTelemetry.Spans.Webhook(kind))?.SetTag(BeFreeTelemetry.Tags.WebhookKind, kind);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await next(context);
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
            outcome = status switch { < 400 => "ok", < 500 => "refused", _ => "failed" };
            return result;
        }
        finally
        {
            activity?.SetTag(BeFreeTelemetry.Tags.WebhookOutcome, outcome);
            if (outcome == "failed")
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }
            metrics.RecordWebhook(kind, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
