using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Data;

/// <summary>
/// The one provider switch: turns <see cref="DatabaseOptions"/> into EF Core options for SQLite,
/// PostgreSQL or SQL Server, each with its own migrations assembly.
/// </summary>
public static class DatabaseConfiguration
{
    public const string ConnectionStringName = "BeFree";

    /// <summary>The assembly that holds a provider's migrations (one model, one migrations set per provider).</summary>
    public static string MigrationsAssembly(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "BeFree.Migrations.Sqlite",
        DatabaseProvider.PostgreSQL => "BeFree.Migrations.PostgreSQL",
        DatabaseProvider.SqlServer => "BeFree.Migrations.SqlServer",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>Points <paramref name="builder"/> at the configured database. Options must be valid (see <see cref="DatabaseOptionsValidator"/>).</summary>
    public static DbContextOptionsBuilder UseBeFreeDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        var provider = options.ParsedProvider
            ?? throw new InvalidOperationException(DatabaseOptionsValidator.UnknownProvider(options.Provider));
        var connectionString = options.ConnectionString
            ?? throw new InvalidOperationException(DatabaseOptionsValidator.MissingConnectionString(provider));
        var migrations = MigrationsAssembly(provider);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(SqliteConnectionString(connectionString, options.BusyTimeoutSeconds),
                o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.PostgreSQL => builder.UseNpgsql(connectionString,
                o => o.MigrationsAssembly(migrations).CommandTimeout(options.BusyTimeoutSeconds)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString,
                o => o.MigrationsAssembly(migrations).CommandTimeout(options.BusyTimeoutSeconds)),
            _ => throw new InvalidOperationException(DatabaseOptionsValidator.UnknownProvider(options.Provider)),
        };
    }

    /// <summary>
    /// A context outside the app (dotnet ef, maintenance, tests) with the same model the app builds:
    /// Identity shapes its tables from IdentityOptions found in the application's services.
    /// </summary>
    public static BeFreeDbContext CreateStandaloneContext(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<BeFreeDbContext>().UseApplicationServiceProvider(IdentityModelServices.Value);
        builder.UseBeFreeDatabase(options);
        return new BeFreeDbContext(builder.Options);
    }

    private static readonly Lazy<IServiceProvider> IdentityModelServices = new(() => new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = BeFreeDbContext.IdentitySchemaVersion)
        .BuildServiceProvider());

    /// <summary>A busy timeout makes a SQLite writer wait for the lock instead of failing at once.</summary>
    private static string SqliteConnectionString(string configured, int busyTimeoutSeconds)
    {
        var builder = new SqliteConnectionStringBuilder(configured)
        {
            DefaultTimeout = busyTimeoutSeconds,
            Pooling = true,
        };
        return builder.ToString();
    }

    /// <summary>The embedded default: a SQLite file in the app's data folder, nothing to install.</summary>
    public static string DefaultSqliteConnectionString(IHostEnvironment environment)
        => $"Data Source={Path.Combine(environment.ContentRootPath, "App_Data", "befree.db")}";
}

/// <summary>Fills <see cref="DatabaseOptions.ConnectionString"/> from <c>ConnectionStrings:BeFree</c> (or SQLite's default file).</summary>
internal sealed class DatabaseConnectionStringSetup(IConfiguration configuration, IHostEnvironment environment) : IPostConfigureOptions<DatabaseOptions>
{
    public void PostConfigure(string? name, DatabaseOptions options)
    {
        var configured = configuration.GetConnectionString(DatabaseConfiguration.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            options.ConnectionString = configured;
        }
        else if (options.ParsedProvider == DatabaseProvider.Sqlite)
        {
            options.ConnectionString = DatabaseConfiguration.DefaultSqliteConnectionString(environment);
        }
    }
}

/// <summary>Stops the app at start-up with a message that says what to set.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (options.ParsedProvider is not { } provider)
        {
            return ValidateOptionsResult.Fail(UnknownProvider(options.Provider));
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(MissingConnectionString(provider));
        }
        return ValidateOptionsResult.Success;
    }

    public static string UnknownProvider(string? provider)
        => $"Database:Provider '{provider}' is not one BeFree runs on. Use Sqlite (the default), PostgreSQL or SqlServer.";

    public static string MissingConnectionString(DatabaseProvider provider)
        => $"Database:Provider is {provider} but ConnectionStrings:BeFree is empty. Set it to the {provider} database's connection string (see README, 'Databases').";
}
