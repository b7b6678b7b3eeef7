using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Admin;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace BeFree.Tests.Components.Localization;

/// <summary>The staff page in Spanish: headings, table, states and the confirmation an Admin reads before acting.</summary>
public sealed class AdminInSpanishTests : WorkspaceComponentTests
{
    private CurrentStaff _admin = CurrentStaff.Nobody;

    protected override async Task ArrangeAsync()
    {
        var admin = await Host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        _admin = new CurrentStaff(admin, "Ada Admin", new HashSet<string>([StaffRoles.Admin]));
        await Host.CreateAdvocateAsync("Ana");
    }

    private IRenderedComponent<StaffPage> RenderStaff() => Render<StaffPage>(p => p.AddCascadingValue(_admin));

    [Fact]
    public async Task The_staff_page_in_Spanish_names_everything_in_Spanish_and_confirms_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var page = RenderStaff();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=staff-row-]").Count), Patience);

        Assert.Equal("Personal", page.Find("h1").TextContent);
        Assert.Equal(["Nombre", "Correo electrónico", "Funciones", "Estado", "2FA", "Capacidad", "Último inicio de sesión", "Acciones"],
            page.FindAll("[data-testid=staff-grid] thead th").Select(th => th.TextContent));
        var ana = page.FindAll("[data-testid^=staff-row-]").Single(row => row.TextContent.Contains("Ana"));
        Assert.Contains("Activa", ana.TextContent);
        Assert.Contains("Nunca", ana.TextContent);
        Assert.Equal("Nuevo miembro del personal", page.Find("#new-staff-heading").TextContent);
        Assert.Equal("Crear cuenta", page.Find("[data-testid=create-staff]").TextContent.Trim());

        var anaEmail = ana.GetAttribute("data-testid")!["staff-row-".Length..];
        await page.Find($"[data-testid='disable-{anaEmail}']").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal("Desactivar a Ana", page.Find("#confirm-heading").TextContent), Patience);
        Assert.StartsWith("Su sesión se cerrará", page.Find("#confirm-text").TextContent);
        Assert.Equal("Cancelar", page.Find("[data-testid=cancel-action]").TextContent.Trim());
    }

    [Fact]
    public void The_staff_page_in_English_keeps_its_English_words()
    {
        using var english = new CultureScope("en-US");
        var page = RenderStaff();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=staff-row-]").Count), Patience);

        Assert.Equal("Staff", page.Find("h1").TextContent);
        Assert.Equal("Create account", page.Find("[data-testid=create-staff]").TextContent.Trim());
    }
}
