using System.ComponentModel.DataAnnotations;
using BeFree.Core.Audit;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account.Pages.Manage;

public partial class EnableAuthenticator
{
    [Inject] public required UserManager<StaffUser> UserManager { get; set; }
    [Inject] public required SignInManager<StaffUser> SignInManager { get; set; }
    [Inject] public required IdentityRedirectManager RedirectManager { get; set; }
    [Inject] public required AuditLog Audit { get; set; }

    private string? message;
    private StaffUser? user;
    private string? sharedKey;
    private string qrSvg = "";
    private IEnumerable<string>? recoveryCodes;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
            return;
        }
        var key = await UserManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await UserManager.ResetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp, which every request checks: re-issue this
            // browser's cookie so the code it posts next still counts as signed in.
            await SignInManager.RefreshSignInAsync(user);
            key = await UserManager.GetAuthenticatorKeyAsync(user);
        }
        sharedKey = AuthenticatorQrCode.FormatKey(key!);
        qrSvg = AuthenticatorQrCode.Svg(AuthenticatorQrCode.Uri(user.Email!, key!));
    }

    private async Task OnValidSubmitAsync()
    {
        if (user is null)
        {
            return;
        }
        var code = Input.Code.Replace(" ", string.Empty).Replace("-", string.Empty);
        if (!await UserManager.VerifyTwoFactorTokenAsync(user, UserManager.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            message = L["Enable_InvalidCode"];
            return;
        }
        await UserManager.SetTwoFactorEnabledAsync(user, true);
        await Audit.WriteAsync(new AuditActor(user.Id, user.DisplayName), AuditActions.TwoFactorEnabled, "staff", user.Id);
        // Re-issue the cookie: it no longer carries the "must enrol" claim.
        await SignInManager.RefreshSignInAsync(user);
        message = L["Enable_Verified"];
        if (await UserManager.CountRecoveryCodesAsync(user) == 0)
        {
            recoveryCodes = await UserManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            await Audit.WriteAsync(new AuditActor(user.Id, user.DisplayName), AuditActions.TwoFactorRecoveryCodesGenerated, "staff", user.Id);
        }
        else
        {
            RedirectManager.RedirectToWithStatus("Account/Manage/TwoFactorAuthentication", message, HttpContext);
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [StringLength(7, MinimumLength = 6, ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.CodeLength))]
        [Display(Name = nameof(AccountValidation.Field_VerificationCode), ResourceType = typeof(AccountValidation))]
        public string Code { get; set; } = "";
    }
}
