using BeFree.Core;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace BeFree.Tests.Core.Staff;

/// <summary>
/// BeFree.Core alone on a SQLite file of its own: migrated, roles seeded and one bootstrap Admin,
/// exactly as at start-up. One per test, so the count of Admins is what the test makes it.
/// </summary>
public sealed class StaffTestHost : IAsyncDisposable
{
    public const string AdminEmail = "first.admin@befree.test";
    public const string AdminPassword = "quiet-meadow-copper-81";
    public const string AdminName = "First Admin";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "befree-core-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private readonly TestDatabase _database;

    private StaffTestHost()
    {
        Directory.CreateDirectory(_folder);
        _database = TestDatabase.Create(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:AdminDisplayName"] = AdminName,
            ["Bootstrap:RequireTwoFactor"] = "false",
        }).Build();
        var environment = new TestEnvironment(_folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddBeFreeCore(configuration, environment);
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public static async Task<StaffTestHost> StartAsync()
    {
        var host = new StaffTestHost();
        // The same start-up the app runs: schema first, then roles and the bootstrap Admin.
        foreach (var hosted in host._services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        host.AdminId = (await host.FindAsync(AdminEmail)).Id;
        return host;
    }

    public string AdminId { get; private set; } = "";

    public StaffAdministration Staff => _services.GetRequiredService<StaffAdministration>();

    public IServiceProvider Services => _services;

    public AuditLog Audit => _services.GetRequiredService<AuditLog>();

    public async Task<BeFreeDbContext> CreateDbContextAsync()
        => await _services.GetRequiredService<IDbContextFactory<BeFreeDbContext>>().CreateDbContextAsync();

    /// <summary>Runs something against a UserManager of its own scope, as one request would.</summary>
    public async Task<T> WithUsersAsync<T>(Func<UserManager<StaffUser>, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>());
    }

    public Task<StaffUser> FindAsync(string email)
        => WithUsersAsync(async users => await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}."));

    public Task<StaffUser> FindByIdAsync(string id)
        => WithUsersAsync(async users => await users.FindByIdAsync(id) ?? throw new InvalidOperationException($"No account {id}."));

    /// <summary>
    /// Creates an account through the Admin screen's service, then completes the steps its owner
    /// would (own password, authenticator where the role needs one), so it can act.
    /// </summary>
    public async Task<string> CreateReadyStaffAsync(string email, params string[] roles)
    {
        var created = await Staff.CreateAsync(AdminId, new NewStaff(email, $"Staff {email.Split('@')[0]}", roles));
        await WithUsersAsync(async users =>
        {
            var user = await users.FindByIdAsync(created.StaffId) ?? throw new InvalidOperationException();
            user.MustChangePassword = false;
            user.TwoFactorEnabled = roles.Any(StaffRoles.RequiringTwoFactor.Contains);
            return StaffResult(await users.UpdateAsync(user));
        });
        return created.StaffId;
    }

    private static bool StaffResult(IdentityResult result)
        => result.Succeeded ? true : throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _services.GetServices<IHostedService>())
        {
            await hosted.StopAsync(CancellationToken.None);
        }
        await _services.DisposeAsync();
        _database.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class TestEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "BeFree.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
