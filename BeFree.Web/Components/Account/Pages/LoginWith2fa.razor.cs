using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account.Pages;

public partial class LoginWith2fa
{
    protected override string InvalidCodeMessage => L["TwoFa_Invalid"];

    // Authenticator apps show the code with a space or a dash in the middle.
    protected override Task<SignInResult> SignInAsync(InputModel input) => SignInManager.TwoFactorAuthenticatorSignInAsync(
        input.TwoFactorCode.Replace(" ", string.Empty).Replace("-", string.Empty), isPersistent: false, rememberClient: false);

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [StringLength(7, MinimumLength = 6, ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.CodeLength))]
        [Display(Name = nameof(AccountValidation.Field_AuthenticatorCode), ResourceType = typeof(AccountValidation))]
        public string TwoFactorCode { get; set; } = "";
    }
}
