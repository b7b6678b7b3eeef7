using System.ComponentModel.DataAnnotations;
using System.Reflection;
using BeFree.Tests.Components.Localization;
using BeFree.Web.Components.Account;

namespace BeFree.Tests.Web.Localization;

/// <summary>
/// The validation messages DataAnnotations reads from <see cref="AccountValidation"/> for the account pages, in the
/// reader's language. (Identity's errors and the password rules are Core's: StaffIdentityErrorsTests.)
/// </summary>
public sealed class AccountTextTests
{
    [Fact]
    public void Every_validation_text_and_field_name_is_in_the_resources()
    {
        var properties = typeof(AccountValidation).GetProperties(BindingFlags.Public | BindingFlags.Static);
        Assert.True(properties.Length > 10);
        foreach (var culture in new[] { "en-US", "es-US" })
        {
            using var scope = new CultureScope(culture);
            foreach (var property in properties)
            {
                var text = (string)property.GetValue(null)!;
                // AccountText.Get answers the key itself when it is missing.
                Assert.DoesNotContain("_", text, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(text), property.Name);
            }
        }
    }

    private sealed class Sample
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [Display(Name = nameof(AccountValidation.Field_CurrentPassword), ResourceType = typeof(AccountValidation))]
        public string OldPassword { get; set; } = "";
    }

    [Theory]
    [InlineData("en-US", "Current password is required.")]
    [InlineData("es-US", "El campo «Contraseña actual» es obligatorio.")]
    public void A_validation_message_names_the_field_as_its_label_does(string culture, string expected)
    {
        using var scope = new CultureScope(culture);
        var results = new List<ValidationResult>();
        var sample = new Sample();

        Assert.False(Validator.TryValidateObject(sample, new ValidationContext(sample), results, validateAllProperties: true));

        Assert.Equal(expected, Assert.Single(results).ErrorMessage);
    }
}
