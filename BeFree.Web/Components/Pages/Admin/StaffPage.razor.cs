using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>The _staff page: loads the list and decides which one panel (confirm, edit) is open.</summary>
public partial class StaffPage
{
    [Inject] public required StaffAdministration StaffAdministration { get; set; }

    [Inject] public required ILogger<StaffPage> Logger { get; set; }

    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private IReadOnlyList<StaffSummary> _staff = [];
    private string? _notice;
    private string? _loadError;
    private IssuedPassword? _issuedPassword;
    private StaffAction? _pendingAction;
    private StaffSummary? _editing;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _staff = await StaffAdministration.ListAsync(Staff.Id);
            _loadError = null;
            // Keep open panels pointing at the fresh row, so they show current state.
            _editing = _editing is null ? null : _staff.FirstOrDefault(s => s.Id == _editing.Id);
        }
        catch (StaffAuthorizationException e)
        {
            _staff = [];
            _loadError = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading the staff list failed.");
            _loadError = L["Staff_LoadError"];
        }
    }

    private void Edit(StaffSummary member)
    {
        _pendingAction = null;
        _notice = null;
        _editing = member;
    }

    private void Request(StaffAction action)
    {
        _editing = null;
        _notice = null;
        _pendingAction = action;
    }

    private async Task EditSavedAsync(string message)
    {
        _editing = null;
        _notice = message;
        await LoadAsync();
    }

    private async Task ActionDoneAsync(StaffActionResult result)
    {
        _pendingAction = null;
        _notice = result.Notice;
        _issuedPassword = result.Password ?? _issuedPassword;
        await LoadAsync();
    }

    private async Task CreatedAsync(IssuedPassword issued)
    {
        _issuedPassword = issued;
        _notice = L["Staff_Created", issued.DisplayName];
        await LoadAsync();
    }

    private void DismissPassword() => _issuedPassword = null;
}
