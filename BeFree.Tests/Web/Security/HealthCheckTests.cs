using BeFree.Core.Data;
using BeFree.Tests.Support;
using BeFree.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BeFree.Tests.Web.Security;

/// <summary>The check itself is provider-neutral (one query through EF); SQLite files make its failures easy to stage.</summary>
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class HealthCheckTests
{
    private sealed class Factory(string connectionString) : IDbContextFactory<BeFreeDbContext>
    {
        public BeFreeDbContext CreateDbContext()
            => DatabaseConfiguration.CreateStandaloneContext(new DatabaseOptions { ConnectionString = connectionString });
    }

    [Fact]
    public async Task Unhealthy_when_the_database_cannot_be_opened()
    {
        var check = new DatabaseHealthCheck(new Factory("Data Source=/nonexistent-folder/befree.db;Mode=ReadWrite"));
        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Unhealthy_when_the_schema_is_missing_and_healthy_once_migrated()
    {
        var path = Path.Combine(Path.GetTempPath(), $"befree-health-{Guid.NewGuid():N}.db");
        try
        {
            var factory = new Factory($"Data Source={path}");
            var check = new DatabaseHealthCheck(factory);
            Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
            }
            Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
