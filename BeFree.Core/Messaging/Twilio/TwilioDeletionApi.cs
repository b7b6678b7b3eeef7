using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>What Twilio said to a DELETE.</summary>
public enum TwilioDeleteOutcome
{
    Deleted,
    /// <summary>404: Twilio has no such text or media (deleted before): counts as done.</summary>
    AlreadyGone,
    /// <summary>Anything else (5xx, 429, 409 for a text Twilio has not finished, network trouble): try again later.</summary>
    Failed,
}

public sealed record TwilioDeleteResult(TwilioDeleteOutcome Outcome, string? Error = null);

/// <summary>
/// Deletes a text and its media at Twilio (Live mode) through the same client setup as sending:
/// <see cref="TwilioApiHandler"/> adds the credentials and allows only the API host.
/// </summary>
public sealed class TwilioDeletionApi(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioDeletionApi> logger)
{
    public Task<TwilioDeleteResult> DeleteMediaAsync(string messageSid, string mediaSid, CancellationToken cancellationToken)
        => DeleteAsync($"Messages/{Uri.EscapeDataString(messageSid)}/Media/{Uri.EscapeDataString(mediaSid)}.json", cancellationToken);

    public Task<TwilioDeleteResult> DeleteMessageAsync(string messageSid, CancellationToken cancellationToken)
        => DeleteAsync($"Messages/{Uri.EscapeDataString(messageSid)}.json", cancellationToken);

    private async Task<TwilioDeleteResult> DeleteAsync(string resource, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var api = new Uri(settings.ApiBaseUrl, UriKind.Absolute);
        var url = new Uri($"{api.GetLeftPart(UriPartial.Authority)}{api.AbsolutePath.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid ?? "")}/{resource}");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, url);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new TwilioDeleteResult(TwilioDeleteOutcome.Deleted);
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new TwilioDeleteResult(TwilioDeleteOutcome.AlreadyGone);
            }
            return new TwilioDeleteResult(TwilioDeleteOutcome.Failed, $"Twilio answered {(int)response.StatusCode} to a deletion.");
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Could not reach Twilio to delete: {Error}", ex.Message);
            return new TwilioDeleteResult(TwilioDeleteOutcome.Failed, "Could not reach Twilio.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TwilioDeleteResult(TwilioDeleteOutcome.Failed, "Twilio did not answer in time.");
        }
    }
}
