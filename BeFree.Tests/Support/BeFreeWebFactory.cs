using BeFree.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BeFree.Tests.Support;

/// <summary>
/// The real app in memory on a real database of its own (a SQLite file, or PostgreSQL in the
/// second pass of the test run: see <see cref="TestDatabase"/>; never the EF in-memory provider).
/// Settings can be added per test class through <see cref="Settings"/> before first use.
/// </summary>
public class BeFreeWebFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;

    public BeFreeWebFactory() : this(null)
    {
    }

    /// <param name="sharedDatabase">A database that outlives this app instance (a restart, or a second server); null for one of its own.</param>
    // Not public: xunit's class fixtures need a single public constructor.
    protected BeFreeWebFactory(TestDatabase? sharedDatabase)
    {
        Directory.CreateDirectory(DataFolder);
        Database = sharedDatabase ?? TestDatabase.Create(DataFolder);
        _ownsDatabase = sharedDatabase is null;
    }

    /// <summary>Another app instance on <paramref name="database"/> (a restart, or a second server).</summary>
    public static BeFreeWebFactory On(TestDatabase database) => new(database);

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "befree-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase Database { get; }

    /// <summary>The SQLite file, for the tests that are about SQLite itself.</summary>
    public string DatabasePath => Path.Combine(DataFolder, "befree.db");

    /// <summary>Configuration overrides (key → value), applied on top of appsettings.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Bootstrap:AdminEmail"] = TestAccounts.AdminEmail,
        ["Bootstrap:AdminPassword"] = TestAccounts.AdminPassword,
        ["Bootstrap:RequireTwoFactor"] = "false",
        // A slow run must not add wait notices to conversations tests count texts of; tests of it turn it on.
        ["Conversations:WaitNoticeMinutes"] = "0",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<BeFreeDbContext> CreateDbContextAsync()
        => await Services.GetRequiredService<IDbContextFactory<BeFreeDbContext>>().CreateDbContextAsync();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Starts the app, which must refuse to start, and returns the message of every exception the host logged as
    /// its reason (inner and aggregated ones included). Read from the log, not from the exception the test host
    /// rethrows: the app disposes itself on failing, and the test host may then meet the disposed app ("Cannot
    /// access a disposed object") before it hears the reason.
    /// </summary>
    public IReadOnlyList<string> StartUpFailures()
    {
        var log = new RecordingLoggerProvider();
        using var app = WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddLogging(logging => logging.AddProvider(log))));
        Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = new List<string>();
        void Collect(Exception? e)
        {
            for (; e is not null; e = e.InnerException)
            {
                messages.Add(e.Message);
                if (e is AggregateException aggregate)
                {
                    aggregate.InnerExceptions.ToList().ForEach(Collect);
                    return;
                }
            }
        }
        foreach (var entry in log.Entries.Where(e => e.Level >= LogLevel.Error))
        {
            Collect(entry.Exception);
        }
        Assert.NotEmpty(messages);
        return messages;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class TestAccounts
{
    public const string AdminEmail = "admin@befree.test";
    public const string AdminPassword = "violet-harbour-lantern-57";

    /// <summary>
    /// Settings for an app started as a process (browser and cluster tests): the bootstrap Admin above, without a
    /// second factor, plus <paramref name="extra"/> (which wins).
    /// </summary>
    public static Dictionary<string, string> BootstrapAdminSettings(IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:AdminDisplayName"] = "Bootstrap Admin",
            ["Bootstrap:RequireTwoFactor"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        return settings;
    }
}
