using BeFree.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

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
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("RequireTwoFactor=false is refused in Production", validation!.Message);
    }
}
