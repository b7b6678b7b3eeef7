using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Tests.Support;
using BeFree.Web.Components.Pages.Admin;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Audit;

/// <summary>The audit page's integrity section on the real chain: intact, then broken at the entry that was changed.</summary>
public sealed class AuditChainCheckTests : WorkspaceComponentTests
{
    private string _admin = null!;

    protected override async Task ArrangeAsync() => _admin = await Host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);

    private async Task VerifyAsync(IRenderedComponent<AuditChainCheck> check)
    {
        await check.Find("[data-testid=audit-verify]").ClickAsync(new MouseEventArgs());
        check.WaitForAssertion(() => Assert.NotEmpty(check.FindAll("[data-testid=audit-chain-intact], [data-testid=audit-chain-broken]")));
    }

    [Fact]
    public async Task Shows_an_intact_chain_then_names_the_first_changed_entry()
    {
        var log = Host.Get<AuditLog>();
        for (var i = 0; i < 3; i++)
        {
            await log.WriteAsync(AuditActor.System, "test.entry", "test", "chain", $"n={i}");
        }
        var check = Render<AuditChainCheck>(p => p.Add(x => x.ActorId, _admin));

        await VerifyAsync(check);
        Assert.StartsWith("Intact:", check.Find("[data-testid=audit-chain-intact]").TextContent);

        await using (var db = await Host.DbAsync())
        {
            var id = await db.AuditEntries.Where(e => e.Details == "n=1").Select(e => e.Id).SingleAsync();
            await db.Database.ExecuteSqlRawAsync(TestDatabase.Provider == DatabaseProvider.Sqlite
                ? """DROP TRIGGER "AuditEntries_AppendOnly_Update";"""
                : """ALTER TABLE "AuditEntries" DISABLE TRIGGER USER;""");
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Details" = 'n=9' WHERE "Id" = {id}""");

            await VerifyAsync(check);
            Assert.StartsWith($"Broken at entry {id}:", check.Find("[data-testid=audit-chain-broken]").TextContent);
        }
    }
}
