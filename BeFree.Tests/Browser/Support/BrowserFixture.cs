using Microsoft.Playwright;

namespace BeFree.Tests.Browser.Support;

/// <summary>
/// One headless Debian Chromium for the browser test collection. The browser comes from the
/// system package (the test command installs it); Playwright never downloads one.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Fail, never skip: a browser test that did not run is not a pass.
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}. Run the README's test command, which installs it.");
        }
        // Live updates are asserted by waiting for them; allow for a busy 2-core CI machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    private readonly List<(string BaseUrl, IBrowserContext Context)> _contexts = [];

    /// <summary>
    /// A fresh, isolated browser profile: its own cookies, like a separate person. Profiles of an
    /// earlier test's app are closed first: left open, their pages keep trying to reconnect to an
    /// app that has stopped and slow every later test.
    /// </summary>
    /// <summary>
    /// Waits until the workstation's live circuit runs the page. A navigation link clicked while the circuit was
    /// still starting was seen to be lost (the page stayed put), so tests that click the navigation right after a
    /// full page load wait first.
    /// </summary>
    public static Task WaitUntilInteractiveAsync(IPage page)
        => Microsoft.Playwright.Assertions.Expect(page.GetByTestId("nav-menu")).ToHaveAttributeAsync("data-interactive", "true");

    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        foreach (var stale in _contexts.Where(c => c.BaseUrl != baseUrl).ToList())
        {
            await stale.Context.CloseAsync();
            _contexts.Remove(stale);
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        context.SetDefaultTimeout(15_000);
        _contexts.Add((baseUrl, context));
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, context) in _contexts)
        {
            await context.CloseAsync();
        }
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>
/// Runs on its own after the other tests: the browser tests hold the app to the live
/// timings (a new text on every queue within a second), which a machine busy with other
/// tests' hosts would blur.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
