using System.Net;
using BeFree.Core.Audit;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Web.Components.Account.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Security;

public sealed class SignInSecurityTests : IClassFixture<BeFreeWebFactory>
{
    private readonly BeFreeWebFactory _factory;

    public SignInSecurityTests(BeFreeWebFactory factory) => _factory = factory;

    private HttpClient NewClient(string baseAddress = "http://localhost") => _factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri(baseAddress),
    });

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_and_are_audited()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "lockout@befree.test", "Lockout Person", [StaffRoles.Advocate]);
        var client = NewClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await StaffTestData.SignInAsync(client, user.Email!, "wrong-password-" + attempt);
        }

        // The right password no longer works: the account is locked (and the page says no more than for a wrong password).
        var response = await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Login.FailedMessage, HtmlPage.ErrorMessage(await response.Content.ReadAsStringAsync()));

        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var stored = await users.FindByIdAsync(user.Id);
        var remaining = stored!.LockoutEnd!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(remaining.TotalMinutes, 14, 15.1);

        await using var db = await _factory.CreateDbContextAsync();
        var actions = await db.AuditEntries.Where(a => a.SubjectId == user.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(4, actions.Count(a => a == AuditActions.SignInFailed));
        Assert.Contains(AuditActions.SignInLockedOut, actions);
        Assert.DoesNotContain(AuditActions.SignInSucceeded, actions);
    }

    [Fact]
    public async Task A_good_sign_in_sets_a_strict_http_only_cookie_and_is_audited()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "cookie@befree.test", "Cookie Person", [StaffRoles.Advocate]);
        var client = NewClient("https://localhost");
        var response = await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("BeFree.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie: nothing persists on a shared machine

        await using var db = await _factory.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.SubjectId == user.Id && a.Action == AuditActions.SignInSucceeded));
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == user.Id)).LastSignInUtc);
    }

    [Fact]
    public async Task An_unknown_email_a_wrong_password_and_a_locked_account_get_the_same_answer()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "same.answer@befree.test", "Same Answer", [StaffRoles.Advocate]);
        var locked = await StaffTestData.CreateStaffAsync(_factory.Services, "locked.answer@befree.test", "Locked Answer", [StaffRoles.Advocate]);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var stored = await users.FindByIdAsync(locked.Id);
            Assert.True((await users.SetLockoutEndDateAsync(stored!, DateTimeOffset.UtcNow.AddMinutes(15))).Succeeded);
        }

        var attempts = new (string Email, string Password)[]
        {
            ("nobody.here@befree.test", StaffTestData.Password),
            (user.Email!, "not-the-right-password-1"),
            (locked.Email!, "not-the-right-password-2"),
            (locked.Email!, StaffTestData.Password),
        };
        foreach (var (email, password) in attempts)
        {
            var client = NewClient();
            var response = await StaffTestData.SignInAsync(client, email, password);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Equal(Login.FailedMessage, HtmlPage.ErrorMessage(html));
            // The same page, not only the same banner: the form comes back with the email as typed.
            Assert.Equal(email, HtmlPage.Parse(html).QuerySelector("input[name='Input.Email']")?.GetAttribute("value"));
            Assert.DoesNotContain("disabled", HtmlPage.VisibleText(html), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_disabled_account_is_named_only_to_someone_who_knows_its_password()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "disabled.guess@befree.test", "Disabled Guess", [StaffRoles.Advocate]);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.IsActive = false;
            await db.SaveChangesAsync();
        }
        var response = await StaffTestData.SignInAsync(NewClient(), user.Email!, "a-wrong-guess-at-it");
        Assert.Equal(Login.FailedMessage, HtmlPage.ErrorMessage(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "disabled@befree.test", "Disabled Person", [StaffRoles.Advocate]);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.IsActive = false;
            await db.SaveChangesAsync();
        }
        var client = NewClient();
        var response = await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This account is disabled", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_shift_lead_without_2fa_reaches_only_the_enrolment_page()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "lead.no2fa@befree.test", "Lead Without 2FA", [StaffRoles.ShiftLead]);
        var client = NewClient();
        await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);

        foreach (var path in new[] { "/", "/admin/staff", "/Account/Manage" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/Manage/EnableAuthenticator", response.Headers.Location!.OriginalString);
        }
        var enrol = await client.GetAsync("/Account/Manage/EnableAuthenticator");
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        Assert.Contains("Your role requires two-factor sign-in", await enrol.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_temporary_password_must_be_changed_before_anything_else()
    {
        var user = await StaffTestData.CreateStaffAsync(_factory.Services, "temp@befree.test", "Temporary Person", [StaffRoles.Advocate], mustChangePassword: true);
        var client = NewClient();
        await StaffTestData.SignInAsync(client, user.Email!, StaffTestData.Password);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/Manage/ChangePassword", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Responses_carry_protective_headers()
    {
        var response = await NewClient().GetAsync("/Account/Login");
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
