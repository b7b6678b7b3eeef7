using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Staff;

namespace BeFree.Web.Endpoints;

/// <summary>
/// A texter's attachment, opened from the thread. Core serves BeFree's encrypted copy (or fetches it
/// from Twilio while there is none) for a member of staff who may read the conversation, and audits
/// it. GET only, nothing changes but the audit log.
/// </summary>
public static class MediaEndpoints
{
    public static string Link(long messageId, int index) => $"/media/{messageId}/{index}";

    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The default policy: signed in, enrolled staff. Core checks who may read the conversation.
        endpoints.MapGet("/media/{messageId:long}/{index:int}", OpenAsync).RequireAuthorization();
        return endpoints;
    }

    internal static async Task<IResult> OpenAsync(HttpContext http, MessageMediaService media, long messageId, int index)
    {
        var actorId = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        try
        {
            var file = await media.OpenAsync(actorId, messageId, index, http.RequestAborted);
            // A texter chose these bytes: nothing in them may run, even if a browser renders them.
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'";
            return ShownInline(file.ContentType)
                ? Results.File(file.Content, file.ContentType)
                : Results.File(file.Content, "application/octet-stream", file.FileName);
        }
        catch (StaffAuthorizationException e)
        {
            return Results.Text(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (ConversationActionException e)
        {
            return Results.Text(e.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (MediaUnavailableException e)
        {
            return Results.Text(e.Message, statusCode: (int)e.Status);
        }
    }

    /// <summary>Plain pictures, sound and video open in the browser; anything else (SVG, HTML, documents) downloads.</summary>
    public static bool ShownInline(string contentType)
        => contentType.ToLowerInvariant() is "image/jpeg" or "image/png" or "image/gif" or "image/webp" or "image/bmp"
            or "video/mp4" or "video/3gpp" or "audio/mpeg" or "audio/mp4" or "audio/ogg" or "audio/amr";
}
