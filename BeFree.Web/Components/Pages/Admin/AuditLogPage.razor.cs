using System.Security.Claims;
using BeFree.Core.Audit;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;
using Radzen.Blazor;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>The read-only audit log: a filter and one page of entries at a time, loaded from the server.</summary>
public partial class AuditLogPage
{
    public const int PageSize = 50;

    [Inject] private AuditLog AuditLog { get; set; } = default!;

    [Inject] private StaffAdministration StaffAdministration { get; set; } = default!;

    [Inject] private ILogger<AuditLogPage> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private RadzenDataGrid<AuditEntry> grid = default!;
    private string actorId = "";
    private AuditQuery filter = new();
    private IReadOnlyList<AuditEntry> entries = [];
    private int total;
    private bool loading;
    private string? error;
    private Dictionary<string, string> staffNames = [];

    protected override async Task OnInitializedAsync()
    {
        actorId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await RunAsync(async () =>
        {
            // Names make staff subjects readable; ids stay visible for filtering.
            staffNames = (await StaffAdministration.ListAsync(actorId)).ToDictionary(s => s.Id, s => s.DisplayName);
            await QueryAsync(skip: 0);
        });
    }

    private async Task LoadAsync(LoadDataArgs args) => await RunAsync(() => QueryAsync(args.Skip ?? 0));

    private async Task ApplyAsync(AuditQuery query)
    {
        filter = query;
        // Back to the first page of the new result; the grid asks for it through LoadAsync.
        await grid.FirstPage(forceReload: true);
    }

    private async Task QueryAsync(int skip)
    {
        var page = await AuditLog.QueryAsync(actorId, filter with { Skip = skip, Take = PageSize });
        entries = page.Entries;
        total = page.TotalCount;
    }

    private async Task RunAsync(Func<Task> load)
    {
        loading = true;
        try
        {
            await load();
            error = null;
        }
        catch (StaffAuthorizationException e)
        {
            error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Loading the audit log failed.");
            error = "The audit log could not be loaded. Try again in a moment.";
        }
        finally
        {
            loading = false;
        }
    }

    private string SubjectLabel(AuditEntry entry)
        => entry.SubjectType == "staff" && staffNames.TryGetValue(entry.SubjectId!, out var name)
            ? $"{name} (staff)"
            : entry.SubjectType ?? "";

    private static void RenderRow(RowRenderEventArgs<AuditEntry> args)
        => args.Attributes["data-testid"] = "audit-row";
}
