using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace BeFree.Web;

/// <summary>
/// Lets <c>dotnet ef</c> build the model for one provider without starting the app or reaching a
/// server: <c>dotnet ef migrations add Name --project BeFree.Migrations.PostgreSQL --startup-project
/// BeFree.Web -- --provider PostgreSQL</c> (see scripts/add-migration.sh). SQLite is the default.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BeFreeDbContext>
{
    public BeFreeDbContext CreateDbContext(string[] args)
    {
        var index = Array.IndexOf(args, "--provider");
        var provider = index >= 0 && index + 1 < args.Length ? args[index + 1] : nameof(DatabaseProvider.Sqlite);
        var options = new DatabaseOptions { Provider = provider };
        // Never connected to: migrations are generated from the model alone.
        options.ConnectionString = options.ParsedProvider switch
        {
            DatabaseProvider.PostgreSQL => "Host=localhost;Database=befree_design",
            DatabaseProvider.SqlServer => "Server=localhost;Database=befree_design;TrustServerCertificate=True",
            _ => "Data Source=befree-design.db",
        };
        return DatabaseConfiguration.CreateStandaloneContext(options);
    }
}
