using BeFree.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BeFree.Tests.Web.Security;

/// <summary>
/// The static account forms: every field has its label and autocomplete purpose, a refused form comes back with
/// its messages announced and tied to the fields, and nothing of the old component library is left on them.
/// </summary>
public sealed class AccountFormsTests : IClassFixture<BeFreeWebFactory>
{
    private readonly BeFreeWebFactory _factory;

    public AccountFormsTests(BeFreeWebFactory factory) => _factory = factory;

    private HttpClient NewClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> PostLoginAsync(HttpClient client, string email, string password)
    {
        var token = HtmlPage.AntiforgeryToken(await client.GetStringAsync("/Account/Login"));
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [HtmlPage.AntiforgeryField] = token!,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_sign_in_fields_have_labels_and_autocomplete_purposes()
    {
        var page = HtmlPage.Parse(await NewClient().GetStringAsync("/Account/Login"));

        foreach (var (id, autocomplete) in new[] { ("Input.Email", "username"), ("Input.Password", "current-password") })
        {
            var input = page.GetElementById(id)!;
            Assert.Equal(autocomplete, input.GetAttribute("autocomplete"));
            Assert.Equal(id, input.GetAttribute("name"));
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"label[for='{id}']")?.TextContent));
        }
        Assert.Equal("email", page.GetElementById("Input.Email")!.GetAttribute("type"));
        Assert.Equal("password", page.GetElementById("Input.Password")!.GetAttribute("type"));
        Assert.Empty(page.QuerySelectorAll("[class*='rz-']"));
    }

    [Fact]
    public async Task An_empty_sign_in_comes_back_with_an_announced_summary_and_each_message_tied_to_its_field()
    {
        var page = HtmlPage.Parse(await PostLoginAsync(NewClient(), "", ""));

        var summary = page.QuerySelector("[data-testid=validation-summary]");
        Assert.NotNull(summary);
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Contains("Email is required.", summary.TextContent, StringComparison.Ordinal);
        var email = page.GetElementById("Input.Email")!;
        Assert.Equal("true", email.GetAttribute("aria-invalid"));
        Assert.Contains("Input.Email-error", email.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal("Email is required.", page.GetElementById("Input.Email-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_wrong_password_is_announced_as_an_error()
    {
        var html = await PostLoginAsync(NewClient(), TestAccounts.AdminEmail, "not-the-password-at-all");

        Assert.Equal(BeFree.Web.Components.Account.Pages.Login.FailedMessage, HtmlPage.ErrorMessage(html));
        var status = HtmlPage.Parse(html).QuerySelector("[data-testid=status-message]")!;
        Assert.Equal("alert", status.GetAttribute("role"));
        Assert.Equal("error", status.GetAttribute("data-status"));
        // The email stays filled in; the password never comes back.
        Assert.Equal(TestAccounts.AdminEmail, HtmlPage.Parse(html).GetElementById("Input.Email")!.GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(HtmlPage.Parse(html).GetElementById("Input.Password")!.GetAttribute("value")));
    }
}
