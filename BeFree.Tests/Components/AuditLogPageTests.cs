using BeFree.Core.Audit;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Admin;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BeFree.Tests.Components;

/// <summary>The audit log page on the real log: a filter, then one page of entries at a time from the server.</summary>
public sealed class AuditLogPageTests : WorkspaceComponentTests
{
    private string _admin = null!;

    protected override async Task ArrangeAsync()
    {
        _admin = await Host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        var log = Host.Get<AuditLog>();
        for (var i = 0; i < AuditLogPage.PageSize + 10; i++)
        {
            await log.WriteAsync(AuditActor.System, "test.entry", "test", "paged-subject", $"n={i}");
        }
    }

    private IRenderedComponent<AuditLogPage> RenderAs(string staffId, string role)
        => Render<AuditLogPage>(p => p.AddCascadingValue(new CurrentStaff(staffId, "Someone", new HashSet<string>([role]))));

    private static string Summary(IRenderedComponent<AuditLogPage> page) => page.Find("[data-testid=audit-summary]").TextContent.Trim();

    [Fact]
    public async Task The_filter_narrows_the_log_and_the_pager_walks_its_pages()
    {
        var page = RenderAs(_admin, StaffRoles.Admin);
        page.WaitForAssertion(() => Assert.Equal(AuditLogPage.PageSize, page.FindAll("[data-testid=audit-row]").Count), Patience);

        await page.Find("[data-testid=audit-subject]").InputAsync(new ChangeEventArgs { Value = "paged-subject" });
        await page.Find("[data-testid=audit-filter] form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Equal("Entries 1–50 of 60", Summary(page)), Patience);
        Assert.All(page.FindAll("[data-testid=audit-subject-id]"), e => Assert.Equal("paged-subject", e.TextContent));

        var pager = page.FindComponent<MudPagination>();
        await page.InvokeAsync(() => pager.Instance.SelectedChanged.InvokeAsync(2));
        page.WaitForAssertion(() => Assert.Equal("Entries 51–60 of 60", Summary(page)), Patience);
        Assert.Equal(10, page.FindAll("[data-testid=audit-row]").Count);
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_sees_the_reason_and_no_entries()
    {
        var lead = await Host.CreateLeadAsync("Lee");

        var page = RenderAs(lead, StaffRoles.ShiftLead);

        page.WaitForAssertion(() => Assert.NotEmpty(page.Find("[data-testid=audit-error]").TextContent), Patience);
        Assert.Empty(page.FindAll("[data-testid=audit-row]"));
    }
}
