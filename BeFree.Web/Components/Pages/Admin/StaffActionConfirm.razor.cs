using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
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
        StaffActionKind.Disable => $"Disable {Staff.DisplayName}",
        StaffActionKind.Enable => $"Enable {Staff.DisplayName}",
        StaffActionKind.ResetPassword => $"Reset password for {Staff.DisplayName}",
        _ => $"Reset two-factor for {Staff.DisplayName}",
    };

    private string Explanation => Action.Kind switch
    {
        StaffActionKind.Disable => "They are signed out within a minute and cannot sign in until an Admin enables the account again.",
        StaffActionKind.Enable => "They can sign in again with their current password.",
        StaffActionKind.ResetPassword => "Their current password stops working and their open sessions end. You will see a temporary password to give them; they must change it at first sign-in.",
        _ => "Their authenticator app and recovery codes stop working and their open sessions end."
            + (Staff.Roles.Any(StaffRoles.RequiringTwoFactor.Contains) ? " They must set up a new authenticator at their next sign-in." : ""),
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
                return new($"{Staff.DisplayName} is disabled.");
            case StaffActionKind.Enable:
                await StaffAdministration.SetActiveAsync(ActorId, Staff.Id, active: true);
                return new($"{Staff.DisplayName} is enabled.");
            case StaffActionKind.ResetPassword:
                var reset = await StaffAdministration.ResetPasswordAsync(ActorId, Staff.Id);
                return new($"The password for {Staff.DisplayName} was reset.",
                    new IssuedPassword(Staff.DisplayName, Staff.Email, reset.Password, IsNewAccount: false));
            default:
                await StaffAdministration.ResetTwoFactorAsync(ActorId, Staff.Id);
                return new($"Two-factor sign-in for {Staff.DisplayName} was reset.");
        }
    }
}
