using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

public partial class StaffEditor
{
    [Inject] public required StaffAdministration StaffAdministration { get; set; }

    private string _displayName = "";
    private string _capacity = "";
    private HashSet<string> _roles = [];
    private string? _loadedId;

    [Parameter, EditorRequired] public StaffSummary Staff { get; set; } = default!;

    [Parameter] public EventCallback<string> OnSaved { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    protected override void OnParametersSet()
    {
        // Fill the form only when a different person is opened, so a list refresh keeps unsaved edits.
        if (_loadedId != Staff.Id)
        {
            _loadedId = Staff.Id;
            _displayName = Staff.DisplayName;
            _capacity = Staff.MaxConcurrentConversations.ToString();
            _roles = Staff.Roles.ToHashSet();
            Error = null;
        }
    }

    private async Task SaveAsync()
    {
        // The callback runs inside RunAsync: a second click meets Busy, then a closed editor.
        await RunAsync(async () =>
        {
            await StaffAdministration.UpdateAsync(ActorId, Staff.Id,
                new StaffChanges(_displayName, _roles.ToList(), NewStaffForm.ParseCapacity(_capacity)));
            await OnSaved.InvokeAsync(L["Editor_Saved", _displayName.Trim()]);
        });
    }
}
