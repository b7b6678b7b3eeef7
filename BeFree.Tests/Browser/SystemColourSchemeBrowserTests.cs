using BeFree.Tests.Browser.Support;
using BeFree.Tests.Browser.Workspace;
using Microsoft.Playwright;

namespace BeFree.Tests.Browser;

/// <summary>
/// Someone on the System colour setting (the default) gets each page from the server already in their system's
/// colours, not in light first and dark a moment later.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SystemColourSchemeBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private WorkspaceBrowserSession _session = null!;

    public async Task InitializeAsync() => _session = await WorkspaceBrowserSession.StartAsync(browser);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task The_server_renders_the_page_in_the_systems_colours()
    {
        var admin = await _session.SignedInAdminAsync();

        await admin.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await admin.GotoAsync("/queue"); // The page's script notes the system's setting for the next request.
        var dark = await admin.GotoAsync("/queue");
        Assert.Contains(DarkBackground, await dark!.TextAsync(), StringComparison.OrdinalIgnoreCase);

        await admin.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await admin.GotoAsync("/queue");
        var light = await admin.GotoAsync("/queue");
        var html = await light!.TextAsync();
        Assert.DoesNotContain(DarkBackground, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(LightBackground, html, StringComparison.OrdinalIgnoreCase);
    }

    // BeFreeTheme's page backgrounds (#0f151c dark, #f5f7fa light) as MudBlazor writes them into its <style>.
    private const string DarkBackground = "--mud-palette-background: rgba(15,21,28,1)";
    private const string LightBackground = "--mud-palette-background: rgba(245,247,250,1)";
}
