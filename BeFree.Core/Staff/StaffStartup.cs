using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Staff;

/// <summary>
/// Creates the roles and, when configured, the bootstrap Admin. Runs after the database is migrated.
/// Several app servers may start at once on a new database: whichever creates a role or the Admin
/// first wins (the database's unique indexes decide), and the others carry on with what it created.
/// </summary>
internal sealed class StaffStartup(
    IServiceScopeFactory scopeFactory,
    IOptions<BootstrapOptions> bootstrap,
    AuditLog audit,
    TimeProvider clock,
    ILogger<StaffStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var role in StaffRoles.All)
        {
            await CreateRoleUnlessExistsAsync(role);
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
        string id;
        try
        {
            id = await FirstAdminSetup.CreateAdminAsync(scopeFactory, options.AdminEmail, options.AdminDisplayName,
                options.AdminPassword!, twoFactorExempt: !options.RequireTwoFactor, clock);
        }
        catch (Exception ex) when (ex is DbUpdateException or StaffRuleException or InvalidOperationException)
        {
            if (!await AnyUserAsync(cancellationToken))
            {
                throw;
            }
            logger.LogInformation("Another app server created the bootstrap administrator account first.");
            return;
        }
        await audit.WriteAsync(AuditActor.System, AuditActions.FirstAdminCreated, "staff", id,
            options.RequireTwoFactor ? "from Bootstrap configuration" : "from Bootstrap configuration; two-factor not required", cancellationToken);
        logger.LogInformation("Created the bootstrap administrator account from configuration.");
    }

    private async Task CreateRoleUnlessExistsAsync(string role)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (await roles.RoleExistsAsync(role))
        {
            return;
        }
        try
        {
            StaffAdministration.ThrowIfFailed(await roles.CreateAsync(new IdentityRole(role)));
        }
        catch (DbUpdateException)
        {
            // Another server starting at the same moment created it: its row is as good as ours.
            await using var check = scopeFactory.CreateAsyncScope();
            if (!await check.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().RoleExistsAsync(role))
            {
                throw;
            }
        }
    }

    private async Task<bool> AnyUserAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BeFreeDbContext>().Users.AnyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
