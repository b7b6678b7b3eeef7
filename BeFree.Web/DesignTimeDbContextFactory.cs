#if DEBUG
using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BeFree.Web;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app. Debug builds only.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BeFreeDbContext>
{
    public BeFreeDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<BeFreeDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(BeFreeDbContext).Assembly.GetName().Name))
            .Options);
}
#endif
