using BeFree.Core.Observability;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Admin;
using BeFree.Web.Components.Shared;
using Bunit;

namespace BeFree.Tests.Components;

/// <summary>The System page on the real figures: it shows them and follows their changes without a click.</summary>
public sealed class SystemPageTests : WorkspaceComponentTests
{
    private string _admin = null!;

    protected override async Task ArrangeAsync() => _admin = await Host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);

    private IRenderedComponent<SystemPage> RenderAs(string staffId)
    {
        // As the layout cascades it; the Admin role itself is checked against the database by SystemFigures.
        return Render<SystemPage>(p => p.AddCascadingValue(new CurrentStaff(staffId, "Ada Admin", new HashSet<string>([StaffRoles.Admin]))));
    }

    private static string Figure(IRenderedComponent<SystemPage> page, string name) => page.Find($"[data-testid=system-{name}]").TextContent.Trim();

    [Fact]
    public async Task The_queue_and_open_screens_update_live()
    {
        var figures = Host.Get<SystemFigures>();
        await figures.RefreshAsync();
        var page = RenderAs(_admin);
        page.WaitForAssertion(() => Assert.Equal("0", Figure(page, "queue-length")), Patience);

        await Host.CreateConversationAsync();
        await figures.RefreshAsync();
        page.WaitForAssertion(() => Assert.Equal("1", Figure(page, "queue-length")), Patience);

        var screensBefore = int.Parse(Figure(page, "open-screens"));
        using (figures.ScreenOpened())
        {
            page.WaitForAssertion(() => Assert.Equal(screensBefore + 1, int.Parse(Figure(page, "open-screens"))), Patience);
        }
        page.WaitForAssertion(() => Assert.Equal(screensBefore, int.Parse(Figure(page, "open-screens"))), Patience);
    }

    [Fact]
    public async Task Someone_who_is_no_longer_an_admin_sees_the_reason_and_no_figures()
    {
        var advocate = await Host.CreateAdvocateAsync("Ana");

        var page = RenderAs(advocate);

        page.WaitForAssertion(() => Assert.Contains("Admin", page.Find("[data-testid=system-error]").TextContent), Patience);
        Assert.Empty(page.FindAll("[data-testid=system-queue-length]"));
    }
}
