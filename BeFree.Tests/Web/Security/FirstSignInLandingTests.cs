using System.Net;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Web.Components.Account.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Security;

/// <summary>
/// After the forced change of a temporary password staff land on their workspace; recovery codes can be
/// taken away as a text file built from the page itself.
/// </summary>
public sealed class FirstSignInLandingTests : IClassFixture<BeFreeWebFactory>
{
    private const string NewPassword = "lantern-orchard-ribbon-73";
    private readonly BeFreeWebFactory _factory;

    public FirstSignInLandingTests(BeFreeWebFactory factory) => _factory = factory;

    private HttpClient NewClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Where a redirect leads (Blazor's static rendering answers with an absolute URL).</summary>
    private static string PathOf(HttpResponseMessage redirect)
        => new Uri(new Uri("http://localhost"), redirect.Headers.Location!).AbsolutePath;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var token = HtmlPage.AntiforgeryToken(await client.GetStringAsync(path));
        Assert.True(token is not null, $"{path} carries an antiforgery token.");
        fields[HtmlPage.AntiforgeryField] = token;
        fields["_handler"] = handler;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string oldPassword)
        => PostFormAsync(client, "/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = oldPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

    [Fact]
    public async Task An_advocate_who_replaced_a_temporary_password_lands_on_the_inbox()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "first-advocate@befree.test", "First Advocate", [StaffRoles.Advocate],
            mustChangePassword: true);
        var client = NewClient();
        await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);

        var changed = await ChangePasswordAsync(client, StaffTestData.Password);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/inbox", PathOf(changed));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inbox")).StatusCode);
    }

    [Fact]
    public async Task A_lead_lands_on_the_board_and_the_gate_still_asks_for_enrolment_first()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "first-lead@befree.test", "First Lead", [StaffRoles.ShiftLead, StaffRoles.Advocate],
            mustChangePassword: true);
        var client = NewClient();
        await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);

        var changed = await ChangePasswordAsync(client, StaffTestData.Password);

        Assert.Equal("/board", PathOf(changed));
        var board = await client.GetAsync("/board");
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.Equal("/Account/Manage/EnableAuthenticator", board.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_chosen_password_changed_again_stays_on_the_account_pages()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "settled@befree.test", "Settled Advocate", [StaffRoles.Advocate]);
        var client = NewClient();
        await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);

        var changed = await ChangePasswordAsync(client, StaffTestData.Password);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/Account/Manage", PathOf(changed));
    }

    [Fact]
    public async Task New_recovery_codes_download_as_a_text_file_that_holds_exactly_the_codes_shown()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "codes@befree.test", "Codes Advocate", [StaffRoles.Advocate]);
        var client = NewClient();
        await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            // An authenticator app enrolled earlier (only the flag matters to this page; the session stays valid).
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.TwoFactorEnabled, true));
        }

        var generated = await PostFormAsync(client, "/Account/Manage/GenerateRecoveryCodes", "generate-recovery-codes", []);

        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var page = HtmlPage.Parse(await generated.Content.ReadAsStringAsync());
        var shown = page.QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, shown.Count);
        var download = page.QuerySelector("[data-testid=download-recovery-codes]")!;
        Assert.Equal(ShowRecoveryCodes.DownloadFileName, download.GetAttribute("download"));
        const string prefix = "data:text/plain;charset=utf-8,";
        var href = download.GetAttribute("href")!;
        Assert.StartsWith(prefix, href);
        var lines = Uri.UnescapeDataString(href[prefix.Length..]).Split("\r\n");
        Assert.Equal(shown, lines.Where(shown.Contains).ToList());
        Assert.Equal("recovery-codes", page.QuerySelector("[data-testid=copy-recovery-codes]")!.GetAttribute("data-befree-copy"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));

        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var stored = await users.FindByIdAsync(user.Id);
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(stored!, lines.First(shown.Contains))).Succeeded);
    }
}
