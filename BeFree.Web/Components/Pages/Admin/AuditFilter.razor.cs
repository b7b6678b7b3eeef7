using System.Reflection;
using BeFree.Core.Audit;
using BeFree.Core.Time;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>The audit log filter: times typed in the hotline's zone, sent to Core in UTC as stored.</summary>
public partial class AuditFilter
{
    /// <summary>Every AuditActions constant, and each family prefix such as <c>staff.</c>.</summary>
    public static readonly IReadOnlyList<string> KnownActions = BuildKnownActions();

    [Inject] public required HotlineTime Time { get; set; }

    /// <summary>Raised with the filter to apply; paging is the page's business.</summary>
    [Parameter] public EventCallback<AuditQuery> OnApply { get; set; }

    private DateTime? _from;
    private DateTime? _before;
    private string _actor = "";
    private string? _action = "";
    private string _subjectId = "";
    private string? _error;

    private Task<IEnumerable<string>> SearchActions(string? typed, CancellationToken cancellationToken)
        => Task.FromResult(string.IsNullOrWhiteSpace(typed)
            ? KnownActions
            : KnownActions.Where(a => a.StartsWith(typed.Trim(), StringComparison.OrdinalIgnoreCase)));

    private async Task ApplyAsync()
    {
        if (_from is { } from && _before is { } before && from >= before)
        {
            _error = L["Filter_Order"];
            return;
        }
        _error = null;
        await OnApply.InvokeAsync(new AuditQuery(ToUtc(_from), ToUtc(_before), _actor, _action ?? "", _subjectId));
    }

    private async Task ClearAsync()
    {
        (_from, _before, _actor, _action, _subjectId, _error) = (null, null, "", "", "", null);
        await OnApply.InvokeAsync(new AuditQuery());
    }

    /// <summary>A wall-clock time at the hotline, as typed; a time skipped by a clock change counts as the hour after.</summary>
    private DateTime? ToUtc(DateTime? local)
    {
        if (local is not { } value)
        {
            return null;
        }
        var unspecified = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        if (Time.Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Time.Zone);
    }

    private static List<string> BuildKnownActions()
    {
        var actions = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        var families = actions.Where(a => a.Contains('.')).Select(a => a[..(a.IndexOf('.') + 1)]);
        return families.Concat(actions).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
