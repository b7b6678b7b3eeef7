using System.ComponentModel.DataAnnotations;
using BeFree.Core.Messaging;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Core.Messaging;

public sealed class TwilioOptionsTests
{
    private static TwilioOptions Resolve(string environmentName, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(environmentName));
        services.AddLogging();
        services.AddBeFreeMessaging(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TwilioOptions>>().Value;
    }

    [Fact]
    public void Development_defaults_to_simulated_with_made_up_credentials()
    {
        var options = Resolve(Environments.Development, []);
        Assert.Equal(TwilioMode.Simulated, options.Mode);
        Assert.False(string.IsNullOrEmpty(options.AuthToken));
        Assert.StartsWith("AC", options.AccountSid);
    }

    [Fact]
    public void Production_defaults_to_live_and_refuses_to_start_without_credentials()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(Environments.Production, []));
        Assert.Contains(error.Failures, f => f.Contains("AccountSid"));
        Assert.Contains(error.Failures, f => f.Contains("AuthToken"));
        Assert.Contains(error.Failures, f => f.Contains("From"));
    }

    [Fact]
    public void A_configured_mode_wins_over_the_environment_default()
    {
        Assert.Equal(TwilioMode.Simulated, Resolve(Environments.Production, new() { ["Twilio:Mode"] = "Simulated" }).Mode);
        Assert.Throws<OptionsValidationException>(() => Resolve(Environments.Development, new() { ["Twilio:Mode"] = "Live" }));
    }

    [Fact]
    public void Live_mode_starts_with_account_token_and_a_sender()
    {
        var options = Resolve(Environments.Production, new()
        {
            ["Twilio:AccountSid"] = "AC00000000000000000000000000000000",
            ["Twilio:AuthToken"] = "token",
            ["Twilio:MessagingServiceSid"] = "MG00000000000000000000000000000000",
        });
        Assert.Equal(TwilioMode.Live, options.Mode);
    }

    [Fact]
    public void A_lease_shorter_than_the_request_timeout_is_refused()
    {
        var options = new TwilioOptions { Mode = TwilioMode.Simulated, SendLeaseSeconds = 10, RequestTimeoutSeconds = 30 };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("SendLeaseSeconds"));
    }

    [Fact]
    public void Retry_delay_doubles_up_to_the_cap_and_honours_retry_after()
    {
        var options = new TwilioOptions { RetryBaseDelayMilliseconds = 100, RetryMaxDelayMilliseconds = 1000 };
        Assert.Equal(TimeSpan.FromMilliseconds(100), OutboundMessageSender.RetryDelay(options, 1, null));
        Assert.Equal(TimeSpan.FromMilliseconds(400), OutboundMessageSender.RetryDelay(options, 3, null));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), OutboundMessageSender.RetryDelay(options, 10, null));
        Assert.Equal(TimeSpan.FromMilliseconds(700), OutboundMessageSender.RetryDelay(options, 1, TimeSpan.FromMilliseconds(700)));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), OutboundMessageSender.RetryDelay(options, 1, TimeSpan.FromMinutes(5)));
    }

    private static readonly Dictionary<string, string?> LiveCredentials = new()
    {
        ["Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["Twilio:AuthToken"] = "token",
        ["Twilio:From"] = "233733",
    };

    [Fact]
    public void Live_mode_deletes_Twilios_copies_by_default_and_Simulated_mode_never_does()
    {
        var live = Resolve(Environments.Production, LiveCredentials);
        Assert.True(live.DeleteAfterIngest);
        Assert.True(live.DeletesAtTwilio);
        Assert.Equal(TwilioOptions.DefaultMediaHosts, live.EffectiveMediaHosts);

        Assert.False(Resolve(Environments.Production, new(LiveCredentials) { ["Twilio:DeleteAfterIngest"] = "false" }).DeletesAtTwilio);
        var simulated = Resolve(Environments.Development, new() { ["Twilio:DeleteAfterIngest"] = "true" });
        Assert.False(simulated.DeletesAtTwilio);
    }

    [Fact]
    public void Configured_media_hosts_replace_the_defaults_and_must_be_bare_origins()
    {
        var configured = Resolve(Environments.Production, new(LiveCredentials) { ["Twilio:MediaHosts:0"] = "https://media.example-edge.org" });
        Assert.Equal(["https://media.example-edge.org"], configured.EffectiveMediaHosts);

        foreach (var bad in new[] { "media.twiliocdn.com", "https://media.twiliocdn.com/some/path", "ftp://media.twiliocdn.com", "https://u:p@media.twiliocdn.com" })
        {
            var error = Assert.Throws<OptionsValidationException>(() => Resolve(Environments.Production, new(LiveCredentials) { ["Twilio:MediaHosts:0"] = bad }));
            Assert.Contains(error.Failures, f => f.Contains("MediaHosts"));
        }
    }

    [Fact]
    public void A_deletion_lease_shorter_than_a_whole_copy_and_deletion_is_refused_at_start()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(Environments.Production, new(LiveCredentials)
        {
            ["Twilio:RequestTimeoutSeconds"] = "30",
            ["Twilio:DeleteLeaseSeconds"] = "300",
        }));
        Assert.Contains(error.Failures, f => f.Contains("DeleteLeaseSeconds"));
    }

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "BeFree.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
