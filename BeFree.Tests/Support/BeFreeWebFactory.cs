using BeFree.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Support;

/// <summary>
/// The real app in memory on a real SQLite file of its own (never the EF in-memory provider).
/// Settings can be added per test class through <see cref="Settings"/> before first use.
/// </summary>
public class BeFreeWebFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "befree-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataFolder, "befree.db");

    /// <summary>Configuration overrides (key → value), applied on top of appsettings.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Bootstrap:AdminEmail"] = TestAccounts.AdminEmail,
        ["Bootstrap:AdminPassword"] = TestAccounts.AdminPassword,
        ["Bootstrap:RequireTwoFactor"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataFolder);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:BeFree", $"Data Source={DatabasePath}");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<BeFreeDbContext> CreateDbContextAsync()
        => await Services.GetRequiredService<IDbContextFactory<BeFreeDbContext>>().CreateDbContextAsync();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class TestAccounts
{
    public const string AdminEmail = "admin@befree.test";
    public const string AdminPassword = "violet-harbour-lantern-57";
}
