using BeFree.Core.Messaging.TwilioCopies;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>Deletions of Twilio's copies: counts, the failing ones, and a retry; Core checks the Admin role on each call.</summary>
public partial class TwilioCopiesPage
{
    [Inject] public required TwilioCopyQueue Queue { get; set; }

    [Inject] public required HotlineTime Time { get; set; }

    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private TwilioDeletionStatus? _status;
    private string? _error;
    private string? _notice;
    private bool _busy;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _status = await Queue.GetStatusAsync(Staff.Id);
            _error = null;
        }
        catch (StaffAuthorizationException e)
        {
            _status = null;
            _error = e.Message;
        }
    }

    private async Task RetryAsync(long deletionId)
    {
        _busy = true;
        try
        {
            _notice = await Queue.RetryAsync(Staff.Id, deletionId)
                ? L["Tw_RetryQueued"]
                : L["Tw_NoLongerFailing"];
            await LoadAsync();
        }
        catch (StaffAuthorizationException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
