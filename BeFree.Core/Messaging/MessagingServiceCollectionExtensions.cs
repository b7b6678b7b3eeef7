using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Messaging.TwilioCopies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>Twilio intake and outbound: options, the inbound processor, the outbound queue and its sender.</summary>
    public static IServiceCollection AddBeFreeMessaging(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        // The environment default must be registered before Bind so a configured Mode wins.
        services.AddSingleton<TwilioOptionsDefaults>();
        services.AddSingleton<IConfigureOptions<TwilioOptions>>(sp => sp.GetRequiredService<TwilioOptionsDefaults>());
        services.AddOptions<TwilioOptions>()
            .Bind(configuration.GetSection(TwilioOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<TwilioOptions>>(sp => sp.GetRequiredService<TwilioOptionsDefaults>());

        services.AddSingleton<OutboundSignal>();
        services.AddSingleton<InboundSmsProcessor>();
        services.AddSingleton<MessageStatusUpdater>();
        services.AddSingleton<IOutboundQueue, OutboundMessageQueue>();
        services.AddSingleton<HeldMessageService>();
        services.AddSingleton<SimulatedTwilio>();
        services.AddSingleton<TrainingSimulator>();
        // Sending and media downloads share one client setup: timeout, API host and credentials.
        services.AddTransient<TwilioApiHandler>();
        services.AddTwilioApiClient<TwilioMessagingApi>();
        services.AddTransient<MessageMediaService>();
        AddTwilioCopies(services);
        services.AddTransient<ITwilioMessagingApi>(sp => sp.GetRequiredService<IOptions<TwilioOptions>>().Value.IsSimulated
            ? sp.GetRequiredService<SimulatedTwilio>()
            : sp.GetRequiredService<TwilioMessagingApi>());
        services.AddHostedService<OutboundMessageSender>();
        services.AddHostedService<InboundSmsWarmUp>();
        services.AddSingleton<WaitNotices>();
        services.AddHostedService(sp => sp.GetRequiredService<WaitNotices>());
        return services;
    }

    /// <summary>
    /// Media downloads (redirects followed by hand, the store never gets credentials), BeFree's
    /// encrypted media store, and the queue that deletes Twilio's copies of texts.
    /// </summary>
    private static void AddTwilioCopies(IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddTwilioApiClient<TwilioMediaDownloader>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddHttpClient(TwilioMediaDownloader.MediaStoreClient, (sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestTimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddTwilioApiClient<TwilioDeletionApi>();
        services.AddSingleton<StoredMediaStore>();
        services.AddSingleton<TwilioCopySignal>();
        services.AddTransient<TwilioCopyQueue>();
        services.AddHostedService<TwilioCopyWorker>();
    }

    private static IHttpClientBuilder AddTwilioApiClient<TClient>(this IServiceCollection services) where TClient : class
        => services.AddHttpClient<TClient>((sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestTimeoutSeconds))
            .AddHttpMessageHandler<TwilioApiHandler>();
}
