using BeFree.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace BeFree.Tests.Web.Security;

public sealed class ProductionGuardTests
{
    private sealed class ProductionFactory : BeFreeWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Fact]
    public void Production_refuses_to_start_when_bootstrap_turns_off_two_factor()
    {
        using var factory = new ProductionFactory();
        factory.Settings["AllowedHosts"] = "befree.example.org";

        var messages = factory.StartUpFailures();

        Assert.Contains(messages, m => m.Contains("RequireTwoFactor=false is refused in Production", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("AllowedHosts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("befree.example.org;*")]
    public void Production_refuses_to_start_unless_allowed_hosts_names_the_hotline(string? allowedHosts)
    {
        using var factory = new ProductionFactory();
        factory.Settings["AllowedHosts"] = allowedHosts;

        var messages = factory.StartUpFailures();

        Assert.Contains(messages, m => m.Contains("AllowedHosts must list the host names BeFree is reached at in Production", StringComparison.Ordinal));
    }

    [Fact]
    public void Production_accepts_named_allowed_hosts()
    {
        using var factory = new ProductionFactory();
        factory.Settings["AllowedHosts"] = "befree.example.org;befree-backup.example.org";

        Assert.DoesNotContain(factory.StartUpFailures(), m => m.Contains("AllowedHosts", StringComparison.Ordinal));
    }
}
