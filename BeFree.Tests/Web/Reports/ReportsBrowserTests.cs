using BeFree.Tests.Browser;
using BeFree.Tests.Browser.Support;
using BeFree.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Web.Reports;

/// <summary>The live reports page in Chromium: the filter works once interactive, charts draw and a download link downloads.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppUnderTest _app = null!;

    public async Task InitializeAsync() => _app = await AppUnderTest.StartAsync(TestAccounts.BootstrapAdminSettings());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_filters_the_report_and_downloads_the_case_export()
    {
        var page = await browser.NewPageAsync(_app.BaseUrl);
        await FirstAdminSetupFlowTests.SignInAsync(page, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Bootstrap Admin");

        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("nav-reports").ClickAsync();
        await Expect(page.GetByTestId("report-summary")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("report-apply")).ToBeEnabledAsync();

        // A backwards range is refused with a message and the figures stay.
        await page.GetByTestId("report-from").FillAsync("2026-07-10");
        await page.GetByTestId("report-to").FillAsync("2026-07-01");
        await page.GetByTestId("report-apply").ClickAsync();
        await Expect(page.GetByTestId("report-filter-error")).ToContainTextAsync("last day must not be before");

        await page.GetByTestId("report-to").FillAsync("2026-07-31");
        await page.GetByTestId("report-apply").ClickAsync();
        await Expect(page.GetByTestId("download-report")).ToHaveAttributeAsync("href", "/exports/report.csv?from=2026-07-10&to=2026-07-31");
        await Expect(page.GetByTestId("chart-per-hour")).ToBeVisibleAsync();

        await page.GetByTestId("cases-unmasked").CheckAsync();
        await Expect(page.GetByTestId("download-cases")).ToHaveAttributeAsync("href", "/exports/cases.csv?from=2026-07-10&to=2026-07-31&unmasked=true");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-cases").ClickAsync());
        Assert.Equal("befree-cases-unmasked-2026-07-10-to-2026-07-31.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("Subject,Description,Status,Priority", System.Text.Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);

        // Transcripts open by reference; a reference that is not a number is refused on the spot.
        await page.GetByTestId("transcript-reference").FillAsync("BEFREE-x");
        await page.GetByTestId("transcript-open").ClickAsync();
        await Expect(page.GetByTestId("transcript-lookup-error")).ToContainTextAsync("BEFREE-123");
        await page.GetByTestId("transcript-reference").FillAsync("BEFREE-424242");
        await page.GetByTestId("transcript-open").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/transcripts/424242$"));
        await Expect(page.GetByTestId("transcript-error")).ToHaveTextAsync("This conversation does not exist.");
    }
}
