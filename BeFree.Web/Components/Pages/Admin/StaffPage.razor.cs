using System.Security.Claims;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>The staff page: loads the list and decides which one panel (confirm, edit) is open.</summary>
public partial class StaffPage
{
    [Inject] private StaffAdministration StaffAdministration { get; set; } = default!;

    [Inject] private ILogger<StaffPage> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string actorId = "";
    private IReadOnlyList<StaffSummary> staff = [];
    private string? notice;
    private string? loadError;
    private IssuedPassword? issuedPassword;
    private StaffAction? pendingAction;
    private StaffSummary? editing;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            staff = await StaffAdministration.ListAsync(actorId);
            loadError = null;
            // Keep open panels pointing at the fresh row, so they show current state.
            editing = editing is null ? null : staff.FirstOrDefault(s => s.Id == editing.Id);
        }
        catch (StaffAuthorizationException e)
        {
            staff = [];
            loadError = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading the staff list failed.");
            loadError = "The staff list could not be loaded. Reload the page to try again.";
        }
    }

    private void Edit(StaffSummary member)
    {
        pendingAction = null;
        notice = null;
        editing = member;
    }

    private void Request(StaffAction action)
    {
        editing = null;
        notice = null;
        pendingAction = action;
    }

    private async Task EditSavedAsync(string message)
    {
        editing = null;
        notice = message;
        await LoadAsync();
    }

    private async Task ActionDoneAsync(StaffActionResult result)
    {
        pendingAction = null;
        notice = result.Notice;
        issuedPassword = result.Password ?? issuedPassword;
        await LoadAsync();
    }

    private async Task CreatedAsync(IssuedPassword issued)
    {
        issuedPassword = issued;
        notice = $"Created an account for {issued.DisplayName}.";
        await LoadAsync();
    }

    private void DismissPassword() => issuedPassword = null;
}
