using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Staff;

/// <summary>Creates the roles and, when configured, the bootstrap Admin. Runs after the database is migrated.</summary>
internal sealed class StaffStartup(
    IServiceScopeFactory scopeFactory,
    IOptions<BootstrapOptions> bootstrap,
    AuditLog audit,
    TimeProvider clock,
    ILogger<StaffStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in StaffRoles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    StaffAdministration.ThrowIfFailed(await roles.CreateAsync(new IdentityRole(role)));
                }
            }
        }

        var options = bootstrap.Value;
        if (string.IsNullOrWhiteSpace(options.AdminEmail))
        {
            return;
        }
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
            if (await db.Users.AnyAsync(cancellationToken))
            {
                return;
            }
        }
        var id = await FirstAdminSetup.CreateAdminAsync(scopeFactory, options.AdminEmail, options.AdminDisplayName,
            options.AdminPassword!, twoFactorExempt: !options.RequireTwoFactor, clock);
        await audit.WriteAsync(AuditActor.System, AuditActions.FirstAdminCreated, "staff", id,
            options.RequireTwoFactor ? "from Bootstrap configuration" : "from Bootstrap configuration; two-factor not required", cancellationToken);
        logger.LogInformation("Created the bootstrap administrator account from configuration.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
