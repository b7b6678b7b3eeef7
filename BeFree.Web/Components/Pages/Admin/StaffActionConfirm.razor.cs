using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

public partial class StaffActionConfirm
{
    [Inject] public required StaffAdministration StaffAdministration { get; set; }

    [Parameter, EditorRequired] public StaffAction Action { get; set; } = default!;

    [Parameter] public EventCallback<StaffActionResult> OnDone { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    private StaffSummary Staff => Action.Staff;

    private bool IsDestructive => Action.Kind is not StaffActionKind.Enable;

    private string Title => Action.Kind switch
    {
        StaffActionKind.Disable => L["Confirm_Disable", Staff.DisplayName],
        StaffActionKind.Enable => L["Confirm_Enable", Staff.DisplayName],
        StaffActionKind.ResetPassword => L["Confirm_ResetPassword", Staff.DisplayName],
        _ => L["Confirm_ResetTwoFactor", Staff.DisplayName],
    };

    private string Explanation => Action.Kind switch
    {
        StaffActionKind.Disable => L["Confirm_DisableText"],
        StaffActionKind.Enable => L["Confirm_EnableText"],
        StaffActionKind.ResetPassword => L["Confirm_ResetPasswordText"],
        _ => L["Confirm_ResetTwoFactorText"]
            + (Staff.Roles.Any(StaffRoles.RequiringTwoFactor.Contains) ? L["Confirm_NewAuthenticator"] : ""),
    };

    private StaffAction? _shownAction;

    protected override void OnParametersSet()
    {
        // A different row's action replaces this one: its old error no longer applies.
        if (!ReferenceEquals(_shownAction, Action))
        {
            _shownAction = Action;
            Error = null;
        }
    }

    private async Task ConfirmAsync()
    {
        // The callback runs inside RunAsync: a second click meets Busy, then a closed panel.
        await RunAsync(async () => await OnDone.InvokeAsync(await PerformAsync()));
    }

    private async Task<StaffActionResult> PerformAsync()
    {
        switch (Action.Kind)
        {
            case StaffActionKind.Disable:
                await StaffAdministration.SetActiveAsync(ActorId, Staff.Id, active: false);
                return new(L["Done_Disabled", Staff.DisplayName]);
            case StaffActionKind.Enable:
                await StaffAdministration.SetActiveAsync(ActorId, Staff.Id, active: true);
                return new(L["Done_Enabled", Staff.DisplayName]);
            case StaffActionKind.ResetPassword:
                var reset = await StaffAdministration.ResetPasswordAsync(ActorId, Staff.Id);
                return new(L["Done_PasswordReset", Staff.DisplayName],
                    new IssuedPassword(Staff.DisplayName, Staff.Email, reset.Password, IsNewAccount: false));
            default:
                await StaffAdministration.ResetTwoFactorAsync(ActorId, Staff.Id);
                return new(L["Done_TwoFactorReset", Staff.DisplayName]);
        }
    }
}
