using System.ComponentModel.DataAnnotations;
using System.Reflection;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Localization;
using BeFree.Web.Components.Account;
using BeFree.Web.Components.Account.Shared;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Tests.Web.Localization;

/// <summary>
/// The account pages' texts that do not come from a component: Identity's error descriptions, the password rules'
/// refusals and list, and the validation messages DataAnnotations reads from <see cref="AccountValidation"/>.
/// English readers get exactly the words they had; Spanish readers get Spanish.
/// </summary>
public sealed class AccountTextTests
{
    private static readonly IdentityErrorDescriber English = new();
    private static readonly AccountIdentityErrorDescriber Localized = new();

    /// <summary>Every error Identity can describe, called with sample values.</summary>
    public static TheoryData<string> DescriberMethods()
    {
        var data = new TheoryData<string>();
        foreach (var method in DescribedErrors())
        {
            data.Add(method.Name);
        }
        return data;
    }

    private static IEnumerable<MethodInfo> DescribedErrors()
        => typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError));

    private static IdentityError Call(IdentityErrorDescriber describer, string name)
    {
        var method = describer.GetType().GetMethod(name, BindingFlags.Public | BindingFlags.Instance)!;
        var values = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)12 : "sofia@befree.test").ToArray();
        return (IdentityError)method.Invoke(describer, values)!;
    }

    [Fact]
    public void The_localized_describer_words_every_error_Identity_describes()
    {
        var notOverridden = DescribedErrors()
            .Where(m => typeof(AccountIdentityErrorDescriber).GetMethod(m.Name, [.. m.GetParameters().Select(p => p.ParameterType)])!.DeclaringType
                        != typeof(AccountIdentityErrorDescriber))
            .Select(m => m.Name)
            .ToList();

        Assert.True(DescribedErrors().Count() >= 20, "Identity describes its errors through these methods");
        Assert.True(notOverridden.Count == 0, "Still Identity's English: " + string.Join(", ", notOverridden));
    }

    [Theory]
    [MemberData(nameof(DescriberMethods))]
    public void English_readers_get_Identitys_own_words_and_Spanish_readers_Spanish(string name)
    {
        using (new CultureScope("en-US"))
        {
            var expected = Call(English, name);
            var english = Call(Localized, name);
            Assert.Equal(expected.Code, english.Code);
            Assert.Equal(expected.Description, english.Description);
        }
        using (new CultureScope("es-US"))
        {
            var spanish = Call(Localized, name);
            Assert.Equal(Call(English, name).Code, spanish.Code);
            Assert.NotEqual(Call(English, name).Description, spanish.Description);
            Assert.DoesNotContain("Identity_", spanish.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_password_rule_error_reads_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");

        Assert.Equal("Las contraseñas deben tener al menos 12 caracteres.", Localized.PasswordTooShort(12).Description);
        Assert.Equal("Las contraseñas deben tener al menos un dígito ('0'-'9').", Localized.PasswordRequiresDigit().Description);
        Assert.Equal("Contraseña incorrecta.", Localized.PasswordMismatch().Description);
    }

    [Theory]
    [InlineData("passwordpassword", "PasswordTooCommon")]
    [InlineData("poiuytrewq!x", "PasswordKeyboardRun")]
    [InlineData("marbleharbourmarbleharbour", "PasswordRepeated")]
    [InlineData("sofia-lantern-orchard", "PasswordContainsEmail")]
    public async Task The_staff_password_rules_refusals_read_in_the_readers_language(string password, string code)
    {
        var user = new StaffUser { Email = "sofia@befree.test", UserName = "sofia@befree.test" };
        var error = Assert.Single((await new StaffPasswordValidator().ValidateAsync(null!, user, password)).Errors);
        Assert.Equal(code, error.Code);

        using (new CultureScope("en-US"))
        {
            Assert.Equal(error.Description, AccountIdentityErrorDescriber.Describe(error));
        }
        using (new CultureScope("es-US"))
        {
            var spanish = AccountIdentityErrorDescriber.Describe(error);
            Assert.NotEqual(error.Description, spanish);
            Assert.DoesNotContain("Refusal_", spanish, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_too_long_password_is_refused_with_the_limit_in_either_language()
    {
        var error = new IdentityError { Code = "PasswordTooLong", Description = $"Passwords can be at most {StaffPasswordValidator.MaximumLength} characters." };

        using (new CultureScope("en-US"))
        {
            Assert.Equal(error.Description, AccountIdentityErrorDescriber.Describe(error));
        }
        using (new CultureScope("es-US"))
        {
            Assert.Equal("Las contraseñas pueden tener como máximo 128 caracteres.", AccountIdentityErrorDescriber.Describe(error));
        }
    }

    [Fact]
    public void The_rules_shown_in_English_are_the_validators_own_list_and_Spanish_readers_get_the_same_five()
    {
        using (new CultureScope("en-US"))
        {
            Assert.Equal(StaffPasswordValidator.Rules, PasswordRules.Rules);
        }
        using (new CultureScope("es-US"))
        {
            Assert.Equal(StaffPasswordValidator.Rules.Count, PasswordRules.Rules.Count);
            Assert.StartsWith("Tener como mínimo 12 y como máximo 128 caracteres.", PasswordRules.Rules[0], StringComparison.Ordinal);
            Assert.Empty(PasswordRules.Rules.Intersect(StaffPasswordValidator.Rules));
        }
    }

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
