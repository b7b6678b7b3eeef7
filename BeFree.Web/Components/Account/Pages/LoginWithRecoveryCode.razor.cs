using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account.Pages;

public partial class LoginWithRecoveryCode
{
    protected override string InvalidCodeMessage => L["RecoverySignIn_Invalid"];

    protected override Task<SignInResult> SignInAsync(InputModel input)
        => SignInManager.TwoFactorRecoveryCodeSignInAsync(input.RecoveryCode.Replace(" ", string.Empty));

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [Display(Name = nameof(AccountValidation.Field_RecoveryCode), ResourceType = typeof(AccountValidation))]
        public string RecoveryCode { get; set; } = "";
    }
}
