using BeFree.Core.Audit;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>The read-only audit log: a filter and one page of entries at a time, loaded from the server.</summary>
public partial class AuditLogPage
{
    public const int PageSize = 50;

    [Inject] public required AuditLog AuditLog { get; set; }

    [Inject] public required StaffAdministration StaffAdministration { get; set; }

    [Inject] public required HotlineTime Time { get; set; }

    [Inject] public required ILogger<AuditLogPage> Logger { get; set; }

    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private AuditQuery _filter = new();
    private IReadOnlyList<AuditEntry> _entries = [];
    private int _total;
    private int _page;
    private bool _loading;
    private string? _error;
    private Dictionary<string, string> _staffNames = [];

    private int PageCount => (_total + PageSize - 1) / PageSize;

    private string Summary => _total == 0
        ? ""
        : L["Audit_Summary", _page * PageSize + 1, _page * PageSize + _entries.Count, _total];

    protected override async Task OnInitializedAsync()
    {
        await RunAsync(async () =>
        {
            // Names make staff subjects readable; ids stay visible for filtering.
            _staffNames = (await StaffAdministration.ListAsync(Staff.Id)).ToDictionary(s => s.Id, s => s.DisplayName);
            await QueryAsync(page: 0);
        });
    }

    private async Task ApplyAsync(AuditQuery query)
    {
        _filter = query;
        await RunAsync(() => QueryAsync(page: 0)); // A new filter starts on its first page.
    }

    private Task GoToPageAsync(int selected) => RunAsync(() => QueryAsync(selected - 1));

    private async Task QueryAsync(int page)
    {
        var result = await AuditLog.QueryAsync(Staff.Id, _filter with { Skip = page * PageSize, Take = PageSize });
        _entries = result.Entries;
        _total = result.TotalCount;
        _page = page;
    }

    private async Task RunAsync(Func<Task> load)
    {
        _loading = true;
        try
        {
            await load();
            _error = null;
        }
        catch (StaffAuthorizationException e)
        {
            _error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading the audit log failed.");
            _error = L["Audit_LoadError"];
        }
        finally
        {
            _loading = false;
        }
    }

    private string SubjectLabel(AuditEntry entry)
        => entry.SubjectType == "staff" && _staffNames.TryGetValue(entry.SubjectId!, out var name)
            ? L["Audit_StaffSubject", name]
            : entry.SubjectType ?? "";

    /// <summary>The exact time in UTC, the same in every language (compared against server logs).</summary>
    private static string UtcTitle(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
