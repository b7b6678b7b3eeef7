using BeFree.Core.Staff;
using BeFree.Tests.Support;
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
    public async Task The_first_admin_setup_page_states_the_rules()
    {
        using var factory = new BeFreeWebFactory();
        factory.Settings.Remove("Bootstrap:AdminEmail");
        factory.Settings.Remove("Bootstrap:AdminPassword");
        var client = factory.CreateClient();

        AssertRules(await client.GetStringAsync($"/setup?token={factory.Get<FirstAdminSetup>().Token}"));
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
