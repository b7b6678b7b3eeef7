using System.Data.Common;
using System.Text;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Web.Observability;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BeFree.Web.Endpoints;

/// <summary>
/// Twilio's webhooks. Anonymous and without antiforgery because Twilio signs each request
/// instead; the signature check cannot be turned off. Twilio gets 200 only once the text is
/// committed, and a 5xx when the database fails so that it retries.
/// </summary>
public static class TwilioEndpoints
{
    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public static IEndpointRouteBuilder MapTwilioEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var twilio = endpoints.MapGroup("/twilio").AllowAnonymous().DisableAntiforgery().AddEndpointFilter<WebhookTelemetryFilter>();
        twilio.MapPost("/sms", ReceiveSmsAsync);
        twilio.MapPost("/status", ReceiveStatusAsync);
        return endpoints;
    }

    internal static async Task<IResult> ReceiveSmsAsync(HttpContext http, InboundSmsProcessor processor, IOptions<TwilioOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(TwilioEndpoints).FullName!);
        var (form, rejection) = await ReadSignedFormAsync(http, options.Value, logger);
        if (rejection is not null)
        {
            return rejection;
        }
        var parsed = InboundSms.Parse(form!);
        if (parsed.Sms is not { } sms)
        {
            logger.LogWarning("Refused an inbound text webhook: {Problem}", parsed.Error);
            return Results.Text(parsed.Error, "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }
        try
        {
            // Not tied to the request: once started, finishing the write is better than abandoning it.
            await processor.ProcessAsync(sms, CancellationToken.None);
        }
        catch (Exception ex)
        {
            return Failure(ex, logger, sms.MessageSid);
        }
        return Results.Text(EmptyTwiml, "text/xml", Encoding.UTF8);
    }

    internal static async Task<IResult> ReceiveStatusAsync(HttpContext http, MessageStatusUpdater statuses, IOptions<TwilioOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(TwilioEndpoints).FullName!);
        var (form, rejection) = await ReadSignedFormAsync(http, options.Value, logger);
        if (rejection is not null)
        {
            return rejection;
        }
        string? Get(string name) => form!.FirstOrDefault(p => p.Key == name).Value;
        var sid = Get("MessageSid") ?? Get("SmsSid");
        var status = Get("MessageStatus") ?? Get("SmsStatus");
        if (string.IsNullOrWhiteSpace(sid) || string.IsNullOrWhiteSpace(status))
        {
            return Results.Text("MessageSid and MessageStatus are required.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }
        // Our own message id, from the callback URL we gave Twilio (signed with it, so it cannot be forged).
        long? outboundId = long.TryParse(http.Request.Query[TwilioWebhookUrl.OutboundParameter].ToString(),
            System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsedId) ? parsedId : null;
        // And its conversation (likewise signed), when the callback URL names it: it saves the report a read.
        int? conversationId = int.TryParse(http.Request.Query[TwilioWebhookUrl.ConversationParameter].ToString(),
            System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsedConversation) ? parsedConversation : null;
        try
        {
            await statuses.ApplyAsync(sid, status, Get("ErrorCode"), outboundId, conversationId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            return Failure(ex, logger, sid);
        }
        return Results.Ok();
    }

    /// <summary>
    /// Database trouble (locked, unavailable, a failed commit) → 503 so Twilio retries; anything
    /// else → 500. Never 200 for a text that was not saved.
    /// </summary>
    public static int StatusCodeFor(Exception exception) => exception switch
    {
        DbException or DbUpdateException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
        InvalidOperationException { InnerException: DbException } => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static IResult Failure(Exception ex, ILogger logger, string messageSid)
    {
        var status = StatusCodeFor(ex);
        logger.LogError(ex, "Twilio webhook for {MessageSid} not saved; answered {StatusCode} so Twilio retries", messageSid, status);
        return Results.Text("Not saved; please retry.", "text/plain", statusCode: status);
    }

    /// <summary>The form, or the response refusing it: 400 for a bad body, 403 for a bad signature.</summary>
    private static async Task<(List<KeyValuePair<string, string>>? Form, IResult? Rejection)> ReadSignedFormAsync(HttpContext http, TwilioOptions settings, ILogger logger)
    {
        // Our own short answers, not the app's HTML error page.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Text("Expected a form (application/x-www-form-urlencoded).", "text/plain", statusCode: StatusCodes.Status400BadRequest));
        }
        var form = await ReadFormWithinLimitAsync(request, InboundSms.MaxFormBytes, http.RequestAborted);
        if (form is null)
        {
            return (null, Results.Text($"The form is over {InboundSms.MaxFormBytes / 1024} KB.", "text/plain", statusCode: StatusCodes.Status400BadRequest));
        }

        var url = TwilioWebhookUrl.Rebuild(settings.PublicBaseUrl, request.Scheme, request.Host.Value ?? "",
            request.PathBase.Value ?? "", request.Path.Value ?? "", request.QueryString.Value ?? "");
        var signature = request.Headers[TwilioSignature.HeaderName].ToString();
        if (!TwilioSignature.IsValid(url, form, settings.AuthToken, signature))
        {
            logger.LogWarning("Refused a Twilio webhook to {Path} with a missing or wrong signature", request.Path.Value);
            return (null, Results.Text("Invalid signature.", "text/plain", statusCode: StatusCodes.Status403Forbidden));
        }
        return (form, null);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    private static async Task<List<KeyValuePair<string, string>>?> ReadFormWithinLimitAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        using var reader = new FormReader(buffer, Encoding.UTF8) { ValueLengthLimit = limit, KeyLengthLimit = limit };
        var pairs = new List<KeyValuePair<string, string>>();
        while (await reader.ReadNextPairAsync(cancellationToken) is { } pair)
        {
            pairs.Add(new KeyValuePair<string, string>(pair.Key, pair.Value));
        }
        return pairs;
    }
}
