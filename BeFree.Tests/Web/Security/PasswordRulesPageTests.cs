using AngleSharp.Dom;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Web.Components.Account.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BeFree.Tests.Web.Security;

/// <summary>Wherever a password is chosen, the rules are on the page before anyone types.</summary>
public sealed class PasswordRulesPageTests
{
    [Fact]
    public async Task The_change_password_page_states_the_rules()
    {
        using var factory = new BeFreeWebFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await StaffTestData.SignInAsync(client, TestAccounts.AdminEmail, TestAccounts.AdminPassword);

        AssertRules(await client.GetStringAsync("/Account/Manage/ChangePassword"));
    }

    [Fact]
    public async Task The_change_password_page_names_the_email_name_the_new_password_may_not_contain_next_to_the_field()
    {
        using var factory = new BeFreeWebFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await StaffTestData.SignInAsync(client, TestAccounts.AdminEmail, TestAccounts.AdminPassword);

        var page = HtmlPage.Parse(await client.GetStringAsync("/Account/Manage/ChangePassword"));

        var emailName = TestAccounts.AdminEmail.Split('@')[0];
        Assert.Contains(emailName, page.QuerySelector("[data-testid=password-email-name-rule]")!.TextContent, StringComparison.Ordinal);
        var newPassword = page.GetElementById("Input.NewPassword")!;
        var hint = FieldHint(page, newPassword);
        Assert.Contains($"must not contain \u201c{emailName}\u201d", hint, StringComparison.Ordinal);
        Assert.Contains("password-rules", newPassword.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal("new-password", newPassword.GetAttribute("autocomplete"));
        Assert.Equal("current-password", page.GetElementById("Input.OldPassword")!.GetAttribute("autocomplete"));
    }

    [Fact]
    public async Task The_first_admin_setup_page_states_the_rules()
    {
        using var factory = new BeFreeWebFactory();
        factory.Settings.Remove("Bootstrap:AdminEmail");
        factory.Settings.Remove("Bootstrap:AdminPassword");
        var client = factory.CreateClient();

        var html = await client.GetStringAsync($"/setup?token={factory.Get<FirstAdminSetup>().Token}");

        AssertRules(html);
        // The email is not known before submitting here: the hint says which part of it counts.
        var page = HtmlPage.Parse(html);
        Assert.Contains("must not contain your email name (the part of your email address before the @)",
            FieldHint(page, page.GetElementById("Input.Password")!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jordan.lee@befree.test", "jordan.lee-river-7", "jordan.lee")]
    [InlineData("JORDAN@befree.test", "harbour-jordan-lantern", "JORDAN")]
    [InlineData("jo@befree.test", "jo-harbour-lantern-57", null)] // too short to count
    public async Task The_email_name_the_page_names_is_the_one_the_validator_refuses(string email, string password, string? stated)
    {
        Assert.Equal(stated, EmailNameRule.NameOf(email));

        var result = await new StaffPasswordValidator().ValidateAsync(null!, new StaffUser { Email = email, UserName = email }, password);

        Assert.Equal(stated is not null, result.Errors.Any(e => e.Code == "PasswordContainsEmail"));
    }

    /// <summary>The text under a field, found the way a screen reader finds it: through the input's aria-describedby.</summary>
    private static string FieldHint(IDocument page, IElement input)
    {
        var help = page.GetElementById($"{input.Id}-help");
        Assert.NotNull(help);
        Assert.Contains(help.Id!, input.GetAttribute("aria-describedby")!.Split(' '));
        Assert.NotNull(page.QuerySelector($"label[for='{input.Id}']"));
        return help.TextContent;
    }

    private static void AssertRules(string html)
    {
        var rules = HtmlPage.Parse(html).QuerySelectorAll("[data-testid=password-rules] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(StaffPasswordValidator.Rules, rules);
        Assert.Contains(rules, r => r.Contains("breaches", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Contains("keyboard run", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Contains("repeated", StringComparison.Ordinal));
    }
}
