using BeFree.Core.Staff;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BeFree.Web.Security;

/// <summary>While no staff account exists, logs the one-time setup link once the server is listening.</summary>
internal sealed class FirstAdminSetupAnnouncer(
    FirstAdminSetup setup,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<FirstAdminSetupAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync());
        return Task.CompletedTask;
    }

    private async Task AnnounceAsync()
    {
        try
        {
            if (!await setup.IsOpenAsync())
            {
                return;
            }
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
            logger.LogWarning("No staff account exists. Create the first administrator at {SetupUrl}", $"{address.TrimEnd('/')}/setup?token={setup.Token}");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not check whether first-administrator setup is needed.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
