using BeFree.Core.Data;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Web.Data;

/// <summary>Choosing the database, and what every app server shares through it.</summary>
public sealed class DatabaseProviderStartupTests
{
    [Theory]
    [InlineData("Oracle", "Database:Provider 'Oracle' is not one BeFree runs on. Use Sqlite (the default), PostgreSQL or SqlServer.")]
    [InlineData("", "Database:Provider '' is not one BeFree runs on.")]
    public void An_unknown_provider_stops_the_app_at_start_up_saying_what_to_set(string provider, string message)
    {
        using var factory = new BeFreeWebFactory();
        factory.Settings["Database:Provider"] = provider;
        Assert.Contains(factory.StartUpFailures(), m => m.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PostgreSQL")]
    [InlineData("SqlServer")]
    public void A_server_database_without_a_connection_string_stops_the_app_at_start_up(string provider)
    {
        using var factory = new BeFreeWebFactory();
        factory.Settings["Database:Provider"] = provider;
        factory.Settings["ConnectionStrings:BeFree"] = "";
        Assert.Contains(factory.StartUpFailures(), m => m.Contains($"Database:Provider is {provider} but ConnectionStrings:BeFree is empty.", StringComparison.Ordinal));
    }

    [Fact]
    public void Provider_names_are_read_without_regard_to_case()
    {
        Assert.Equal(DatabaseProvider.PostgreSQL, new DatabaseOptions { Provider = "postgresql" }.ParsedProvider);
        Assert.Equal(DatabaseProvider.SqlServer, new DatabaseOptions { Provider = " SQLSERVER " }.ParsedProvider);
        Assert.Null(new DatabaseOptions { Provider = "2" }.ParsedProvider);
    }

    [Fact]
    public async Task The_key_ring_lives_in_the_database_so_a_restarted_or_second_server_reads_what_the_first_protected()
    {
        string protectedByFirst;
        using var first = new BeFreeWebFactory();
        first.CreateClient();
        protectedByFirst = first.Get<IDataProtectionProvider>().CreateProtector("sign-in").Protect("staff member 42");
        await using (var db = await first.CreateDbContextAsync())
        {
            var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.Contains("<key ", k.Xml));
        }

        // Another app server (or the same one after a restart) on the same database, in its own folder.
        using var second = BeFreeWebFactory.On(first.Database);
        second.CreateClient();
        Assert.Equal("staff member 42", second.Get<IDataProtectionProvider>().CreateProtector("sign-in").Unprotect(protectedByFirst));
        Assert.Equal("BeFree", second.Get<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
    }

    [Fact]
    public async Task Start_up_prepares_the_database_in_its_providers_own_way()
    {
        using var factory = new BeFreeWebFactory();
        factory.CreateClient();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets every open screen read while a webhook writes; it is kept in the file.
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        }
        else
        {
            // No SQLite statement reached the server (it would have failed start-up); the schema is EF's.
            Assert.True(db.Database.IsNpgsql());
            Assert.Contains("AspNetUserPasskeys", await db.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync());
        }
    }
}
