using System.ComponentModel.DataAnnotations;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Account.Pages;

public partial class Setup
{
    [Inject] public required FirstAdminSetup FirstAdminSetup { get; set; }
    [Inject] public required IdentityRedirectManager RedirectManager { get; set; }

    private bool isOpen;
    private string? message;

    [SupplyParameterFromQuery]
    private string? Token { get; set; }

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        isOpen = await FirstAdminSetup.IsOpenAsync();
        if (!isOpen)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private async Task CreateAsync()
    {
        try
        {
            await FirstAdminSetup.CreateFirstAdminAsync(new FirstAdminRequest(Token ?? "", Input.Email, Input.DisplayName, Input.Password));
            RedirectManager.RedirectToWithStatus("Account/Login", L["Setup_Done"], HttpContext);
        }
        catch (Exception ex) when (ex is StaffRuleException or StaffAuthorizationException)
        {
            message = L["Status_Error", ex.Message];
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [StringLength(100, ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.MaxLength))]
        [Display(Name = nameof(AccountValidation.Field_YourName), ResourceType = typeof(AccountValidation))]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [EmailAddress(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.EmailAddress))]
        [Display(Name = nameof(AccountValidation.Field_Email), ResourceType = typeof(AccountValidation))]
        public string Email { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [StringLength(StaffPasswordValidator.MaximumLength, MinimumLength = StaffPasswordValidator.MinimumLength,
            ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.PasswordLength))]
        [Display(Name = nameof(AccountValidation.Field_Password), ResourceType = typeof(AccountValidation))]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.PasswordsDiffer))]
        [Display(Name = nameof(AccountValidation.Field_ConfirmPassword), ResourceType = typeof(AccountValidation))]
        public string ConfirmPassword { get; set; } = "";
    }
}
