using System.ComponentModel.DataAnnotations;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account.Pages;

public partial class LoginWith2fa
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
        // Only reachable after the password step.
        if (await SignInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            RedirectManager.RedirectTo("Account/Login");
        }
    }

    private async Task OnValidSubmitAsync()
    {
        var code = Input.TwoFactorCode.Replace(" ", string.Empty).Replace("-", string.Empty);
        var result = await SignInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
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
            message = L["TwoFa_Invalid"];
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [StringLength(7, MinimumLength = 6, ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.CodeLength))]
        [Display(Name = nameof(AccountValidation.Field_AuthenticatorCode), ResourceType = typeof(AccountValidation))]
        public string TwoFactorCode { get; set; } = "";
    }
}
