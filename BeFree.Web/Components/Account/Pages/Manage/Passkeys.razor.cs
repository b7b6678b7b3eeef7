using BeFree.Core.Staff;
using BeFree.Core.Time;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account.Pages.Manage;

public partial class Passkeys
{
    [Inject] public required UserManager<StaffUser> UserManager { get; set; }
    [Inject] public required SignInManager<StaffUser> SignInManager { get; set; }
    [Inject] public required StaffSecondFactors Factors { get; set; }
    [Inject] public required IdentityRedirectManager RedirectManager { get; set; }
    [Inject] public required HotlineTime Time { get; set; }

    private string? message;
    private string? userId;
    private IReadOnlyList<StaffPasskey> passkeys = [];

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "add-passkey")]
    private PasskeyInput? NewPasskey { get; set; }

    [SupplyParameterFromForm]
    private string? PasskeyId { get; set; }

    [SupplyParameterFromForm]
    private string? NewName { get; set; }

    protected override async Task OnInitializedAsync()
    {
        userId = UserManager.GetUserId(HttpContext.User);
        try
        {
            passkeys = await Factors.ListPasskeysAsync(userId ?? "");
        }
        catch (StaffAuthorizationException)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
        }
    }

    private async Task AddAsync()
    {
        if (string.IsNullOrEmpty(NewPasskey?.CredentialJson))
        {
            message = L["Passkeys_AddFailedWhy", NewPasskey?.Error ?? L["Passkeys_BrowserGaveNone"]];
            return;
        }
        var attestation = await SignInManager.PerformPasskeyAttestationAsync(NewPasskey.CredentialJson);
        if (!attestation.Succeeded)
        {
            message = L["Passkeys_AttestationFailed", attestation.Failure.Message];
            return;
        }
        await ChangeAsync(() => Factors.AddPasskeyAsync(userId!, attestation.Passkey),
            L["Passkeys_AddedDone"]);
    }

    private Task RenameAsync()
        => ChangeAsync(() => Factors.RenamePasskeyAsync(userId!, PasskeyId ?? "", NewName ?? ""), L["Passkeys_Renamed"]);

    private Task RemoveAsync()
        => ChangeAsync(() => Factors.RemovePasskeyAsync(userId!, PasskeyId ?? ""), L["Passkeys_Removed"]);

    /// <summary>Runs the change in Core, then re-issues this browser's cookie: enrolment may be done, or the stamp renewed.</summary>
    private async Task ChangeAsync(Func<Task> change, string done)
    {
        try
        {
            await change();
        }
        catch (StaffRuleException ex)
        {
            message = L["Status_Error", ex.Message];
            return;
        }
        var user = await UserManager.FindByIdAsync(userId!);
        if (user is null)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
            return;
        }
        await SignInManager.RefreshSignInAsync(user);
        RedirectManager.RedirectToWithStatus("Account/Manage/Passkeys", done, HttpContext);
    }
}
