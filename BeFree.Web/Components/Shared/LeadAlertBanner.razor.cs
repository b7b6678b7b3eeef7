using Microsoft.AspNetCore.Components;
using MudBlazor;
using BeFree.Core.Risk;

namespace BeFree.Web.Components.Shared;

public sealed partial class LeadAlertBanner : IDisposable
{
    // Alerts older than this are history by the time a lead opens a page.
    private static readonly TimeSpan RecentWindow = TimeSpan.FromMinutes(30);
    private const int MaxShown = 5;

    private readonly List<LeadAlert> _shown = [];
    private readonly HashSet<LeadAlert> _dismissed = [];
    private LiveUpdates? _live;

    protected override void OnInitialized()
    {
        var since = Clock.GetUtcNow().UtcDateTime - RecentWindow;
        _shown.AddRange(Alerts.Open.Where(a => a.OccurredUtc >= since).Take(MaxShown));
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
        _live.Follow<LeadAlert>(h => Alerts.Subscribe(h), OnAlertAsync);
    }

    private Task OnAlertAsync(LeadAlert alert)
    {
        if (!LeadAlerts.IsShown(alert))
        {
            // Another lead approved (or returned, sent, withdrew) it: the request is no longer waiting here either.
            _shown.RemoveAll(shown => LeadAlerts.Settles(alert, shown));
            return Task.CompletedTask;
        }
        if (!_shown.Contains(alert) && !_dismissed.Contains(alert))
        {
            _shown.Insert(0, alert);
            if (_shown.Count > MaxShown)
            {
                _shown.RemoveRange(MaxShown, _shown.Count - MaxShown);
            }
        }
        return Task.CompletedTask;
    }

    private void Dismiss(LeadAlert alert)
    {
        _dismissed.Add(alert);
        _shown.Remove(alert);
    }

    // Imminent risk is the emergency; the rest ask the lead to decide or to look.
    private static Severity SeverityOf(LeadAlertKind kind) => kind switch
    {
        LeadAlertKind.ImminentRisk or LeadAlertKind.EscalationSentWithoutApproval => Severity.Error,
        _ => Severity.Warning,
    };

    private string Title(LeadAlertKind kind) => kind switch
    {
        LeadAlertKind.ImminentRisk => L["LeadAlert_ImminentRisk"],
        LeadAlertKind.ImminentRiskSuggested => L["LeadAlert_ImminentRiskSuggested"],
        LeadAlertKind.EscalationAwaitingApproval => L["LeadAlert_EscalationAwaitingApproval"],
        LeadAlertKind.EscalationSentWithoutApproval => L["LeadAlert_EscalationSentWithoutApproval"],
        _ => L["LeadAlert_Other"],
    };

    public void Dispose() => _live?.Dispose();
}
