using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BeFree.Web.Components.Pages.Simulator;

/// <summary>
/// Posts the fake phone's texts, signed as Twilio would sign them, to this app's own webhook: the
/// configured public URL, or else the address this server listens on (see
/// <see cref="TrainingSimulator.BuildTextAsync"/>). What the webhook answers goes to the log, not
/// to the screen: an error page may say more about the server than a trainer should see.
/// </summary>
public sealed class SimulatorWebhookSender(
    TrainingSimulator training,
    IHttpClientFactory httpClients,
    IServer server,
    ILogger<SimulatorWebhookSender> logger)
{
    /// <returns>Null when the hotline stored the text; otherwise a message safe to show.</returns>
    public async Task<string?> SendAsync(string? actorId, string phoneNumber, string body, CancellationToken cancellationToken = default)
    {
        SignedWebhook webhook;
        try
        {
            webhook = await training.BuildTextAsync(actorId, ListeningAddress(server), phoneNumber, body, cancellationToken);
        }
        catch (SimulatorInputException ex)
        {
            return ex.Message;
        }
        catch (StaffAuthorizationException ex)
        {
            return ex.Message;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.PostUrl)
        {
            Content = new FormUrlEncodedContent(webhook.Form),
        };
        request.Headers.Add(TwilioSignature.HeaderName, webhook.Signature);
        try
        {
            using var response = await httpClients.CreateClient(SimulatorAccess.HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            logger.LogWarning("The simulator's text was refused by {WebhookUrl} with {StatusCode}: {Detail}",
                webhook.PostUrl, (int)response.StatusCode, detail.Length <= 2000 ? detail : detail[..2000]);
            return SimulatorPageText.Get("Refused", (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "The simulator could not reach the app's own webhook at {WebhookUrl}", webhook.PostUrl);
            return SimulatorPageText.Get("Unreachable");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SimulatorPageText.Get("TimedOut");
        }
    }

    /// <summary>
    /// Where this server listens (plain HTTP preferred: the call stays on this machine), with a
    /// wildcard host read as localhost. An in-memory test server has none and is http://localhost.
    /// </summary>
    public static Uri ListeningAddress(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is null)
        {
            return new Uri("http://localhost/");
        }
        // Kestrel reports what it was told: http://+:80, http://*:80, http://0.0.0.0:80 or http://[::]:80.
        foreach (var wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
        {
            address = address.Replace(wildcard, "://localhost:", StringComparison.Ordinal);
        }
        return new Uri(address);
    }
}
