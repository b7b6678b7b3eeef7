using System.ComponentModel.DataAnnotations;
using BeFree.Core.Staff;
using BeFree.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account.Pages;

public partial class Login
{
    [Inject] public required SignInManager<StaffUser> SignInManager { get; set; }
    [Inject] public required UserManager<StaffUser> UserManager { get; set; }
    [Inject] public required FirstAdminSetup FirstAdminSetup { get; set; }
    [Inject] public required IdentityRedirectManager RedirectManager { get; set; }

    /// <summary>The one answer for an unknown email, a wrong password and a locked account, in the reader's language.</summary>
    public static string FailedMessage => AccountText.Get("Login_Failed");

    private string? errorMessage;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "login")]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "passkey-login")]
    private PasskeyInput? Passkey { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    /// <summary>Set by SessionGuard when an open screen was ended by the server.</summary>
    [SupplyParameterFromQuery]
    private int? Ended { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            if (Ended == 1)
            {
                // The server ended the session (account disabled or credentials changed): drop the stale cookie too.
                await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                errorMessage = L["Login_Ended"];
            }
            if (await FirstAdminSetup.IsOpenAsync())
            {
                errorMessage = L["Login_NoStaff"];
            }
        }
    }

    public async Task LoginUser()
    {
        // Lockout always counts failures (StaffSignInManager ignores the flag).
        var result = await SignInManager.PasswordSignInAsync(Input.Email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            RedirectManager.RedirectTo(ReturnUrl);
        }
        else if (result.RequiresTwoFactor)
        {
            RedirectManager.RedirectTo("Account/LoginWith2fa", new() { ["returnUrl"] = ReturnUrl });
        }
        else if (result is PasskeyRequired)
        {
            // Only after the right password: a lead's or admin's password alone is one factor.
            errorMessage = L["Login_PasskeyRequired"];
        }
        else if (result.IsNotAllowed)
        {
            // Only after the right password (StaffSignInManager): tells nothing to someone guessing.
            errorMessage = L["Login_Disabled"];
        }
        else
        {
            // An unknown email, a wrong password and a locked account get the same page, so the
            // answer never tells whether an email has an account.
            errorMessage = FailedMessage;
        }
    }

    public async Task LoginWithPasskeyAsync()
    {
        if (string.IsNullOrEmpty(Passkey?.CredentialJson))
        {
            errorMessage = L["Login_PasskeyError", Passkey?.Error ?? L["Login_NoPasskey"]];
            return;
        }
        var result = await SignInManager.PasskeySignInAsync(Passkey.CredentialJson);
        if (result.Succeeded)
        {
            RedirectManager.RedirectTo(ReturnUrl);
        }
        else if (result.IsNotAllowed)
        {
            // The passkey proved who this is: naming the reason tells nothing to a stranger.
            errorMessage = L["Login_Disabled"];
        }
        else
        {
            errorMessage = L["Login_PasskeyRejected"];
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [EmailAddress(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.EmailAddress))]
        [Display(Name = nameof(AccountValidation.Field_Email), ResourceType = typeof(AccountValidation))]
        public string Email { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [DataType(DataType.Password)]
        [StringLength(StaffPasswordValidator.MaximumLength, ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.MaxLength))]
        [Display(Name = nameof(AccountValidation.Field_Password), ResourceType = typeof(AccountValidation))]
        public string Password { get; set; } = "";
    }
}
