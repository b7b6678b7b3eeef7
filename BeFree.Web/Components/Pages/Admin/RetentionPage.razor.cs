using BeFree.Core.Retention;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>The retention policy in force and the last runs of the erasing service; Core checks the Admin role.</summary>
public partial class RetentionPage
{
    [Inject] public required RetentionService Retention { get; set; }

    [Inject] public required HotlineTime Time { get; set; }

    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private RetentionStatus? _status;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _status = await Retention.GetStatusAsync(Staff.Id);
        }
        catch (StaffAuthorizationException e)
        {
            _error = e.Message;
        }
    }

    private static string Every(TimeSpan interval) => interval.TotalHours >= 1 && interval.Minutes == 0
        ? AdminText.Get("Ret_Hours", Math.Round(interval.TotalHours))
        : AdminText.Get("Ret_Minutes", Math.Round(interval.TotalMinutes));
}
