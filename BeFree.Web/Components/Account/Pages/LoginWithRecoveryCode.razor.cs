using System.ComponentModel.DataAnnotations;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account.Pages;

public partial class LoginWithRecoveryCode
{
    [Inject] public required SignInManager<StaffUser> SignInManager { get; set; }
    [Inject] public required IdentityRedirectManager RedirectManager { get; set; }

    private string? message;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (await SignInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            RedirectManager.RedirectTo("Account/Login");
        }
    }

    private async Task OnValidSubmitAsync()
    {
        var result = await SignInManager.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", string.Empty));
        if (result.Succeeded)
        {
            RedirectManager.RedirectTo(ReturnUrl);
        }
        else if (result.IsLockedOut)
        {
            RedirectManager.RedirectTo("Account/Lockout");
        }
        else
        {
            message = L["RecoverySignIn_Invalid"];
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [Display(Name = nameof(AccountValidation.Field_RecoveryCode), ResourceType = typeof(AccountValidation))]
        public string RecoveryCode { get; set; } = "";
    }
}
