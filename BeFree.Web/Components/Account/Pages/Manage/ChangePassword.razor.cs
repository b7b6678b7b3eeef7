using System.ComponentModel.DataAnnotations;
using BeFree.Core.Audit;
using BeFree.Core.Staff;
using BeFree.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account.Pages.Manage;

public partial class ChangePassword
{
    [Inject] public required UserManager<StaffUser> UserManager { get; set; }
    [Inject] public required SignInManager<StaffUser> SignInManager { get; set; }
    [Inject] public required IdentityRedirectManager RedirectManager { get; set; }
    [Inject] public required AuditLog Audit { get; set; }

    private string? message;
    private StaffUser? user;

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
        }
    }

    private async Task OnValidSubmitAsync()
    {
        if (user is null)
        {
            return;
        }
        var result = await UserManager.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            message = L["Status_Error", string.Join(" ", result.Errors.Select(e => e.Description))];
            return;
        }
        var wasTemporary = user.MustChangePassword;
        user.MustChangePassword = false;
        await UserManager.UpdateAsync(user);
        await Audit.WriteAsync(new AuditActor(user.Id, user.DisplayName), AuditActions.PasswordChanged, "staff", user.Id);
        // The password change rotated the security stamp: re-issue this browser's cookie so only the other sessions end.
        await SignInManager.RefreshSignInAsync(user);
        if (wasTemporary)
        {
            // First sign-in: straight on to work (the enrolment gate still sends leads and admins to enrol first).
            RedirectManager.RedirectTo(StaffWorkspace.HomeFor(await UserManager.GetRolesAsync(user)));
            return;
        }
        RedirectManager.RedirectToWithStatus("Account/Manage", L["Password_Changed"], HttpContext);
    }

    private sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [DataType(DataType.Password)]
        [Display(Name = nameof(AccountValidation.Field_CurrentPassword), ResourceType = typeof(AccountValidation))]
        public string OldPassword { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [StringLength(StaffPasswordValidator.MaximumLength, MinimumLength = StaffPasswordValidator.MinimumLength, ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.NewPasswordLength))]
        [DataType(DataType.Password)]
        [Display(Name = nameof(AccountValidation.Field_NewPassword), ResourceType = typeof(AccountValidation))]
        public string NewPassword { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = nameof(AccountValidation.Field_ConfirmNewPassword), ResourceType = typeof(AccountValidation))]
        [Compare(nameof(NewPassword), ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.NewPasswordsDiffer))]
        public string ConfirmPassword { get; set; } = "";
    }
}
