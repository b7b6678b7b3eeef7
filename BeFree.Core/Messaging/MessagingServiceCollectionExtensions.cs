using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
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
        services.AddTwilioApiClient<MessageMediaService>();
        services.AddTransient<ITwilioMessagingApi>(sp => sp.GetRequiredService<IOptions<TwilioOptions>>().Value.IsSimulated
            ? sp.GetRequiredService<SimulatedTwilio>()
            : sp.GetRequiredService<TwilioMessagingApi>());
        services.AddHostedService<OutboundMessageSender>();
        services.AddHostedService<InboundSmsWarmUp>();
        return services;
    }

    private static void AddTwilioApiClient<TClient>(this IServiceCollection services) where TClient : class
        => services.AddHttpClient<TClient>((sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestTimeoutSeconds))
            .AddHttpMessageHandler<TwilioApiHandler>();
}
