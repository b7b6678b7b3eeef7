using System.Reflection;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Localization;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Tests.Core.Localization;

/// <summary>
/// Identity's error descriptions and the hotline's password rules in the reader's language: English readers get
/// exactly Identity's own words, Spanish readers Spanish, and the codes never change.
/// </summary>
public sealed class StaffIdentityErrorsTests
{
    private static readonly IdentityErrorDescriber English = new();
    private static readonly StaffIdentityErrors Localized = new();

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
            .Where(m => typeof(StaffIdentityErrors).GetMethod(m.Name, [.. m.GetParameters().Select(p => p.ParameterType)])!.DeclaringType
                        != typeof(StaffIdentityErrors))
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
        IdentityError english, spanish;
        using (new CultureScope("en-US"))
        {
            english = Assert.Single((await new StaffPasswordValidator().ValidateAsync(null!, user, password)).Errors);
        }
        using (new CultureScope("es-US"))
        {
            spanish = Assert.Single((await new StaffPasswordValidator().ValidateAsync(null!, user, password)).Errors);
        }

        Assert.Equal(code, english.Code);
        Assert.Equal(code, spanish.Code);
        Assert.NotEqual(english.Description, spanish.Description);
        Assert.DoesNotContain("Password_", spanish.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_too_long_password_is_refused_with_the_limit_in_either_language()
    {
        var user = new StaffUser { Email = "sofia@befree.test", UserName = "sofia@befree.test" };
        var password = new string('x', StaffPasswordValidator.MaximumLength + 1);
        using (new CultureScope("en-US"))
        {
            var error = Assert.Single((await new StaffPasswordValidator().ValidateAsync(null!, user, password)).Errors, e => e.Code == "PasswordTooLong");
            Assert.Equal($"Passwords can be at most {StaffPasswordValidator.MaximumLength} characters.", error.Description);
        }
        using (new CultureScope("es-US"))
        {
            var error = Assert.Single((await new StaffPasswordValidator().ValidateAsync(null!, user, password)).Errors, e => e.Code == "PasswordTooLong");
            Assert.Equal("Las contraseñas pueden tener como máximo 128 caracteres.", error.Description);
        }
    }

    [Fact]
    public void Spanish_readers_get_the_same_five_rules_in_Spanish()
    {
        IReadOnlyList<string> english, spanish;
        using (new CultureScope("en-US"))
        {
            english = StaffPasswordValidator.Rules;
        }
        using (new CultureScope("es-US"))
        {
            spanish = StaffPasswordValidator.Rules;
        }

        Assert.Equal(5, english.Count);
        Assert.Equal(english.Count, spanish.Count);
        Assert.StartsWith("Al menos 12 y como máximo 128 caracteres.", spanish[0], StringComparison.Ordinal);
        Assert.Empty(spanish.Intersect(english));
    }
}
