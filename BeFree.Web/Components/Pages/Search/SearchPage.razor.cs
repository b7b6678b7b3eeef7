using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Core.Search;
using BeFree.Core.Time;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Search;

/// <summary>Search for shift leads and admins; Core checks the role and audits each search.</summary>
public partial class SearchPage
{
    [Inject] public required ConversationSearch Search { get; set; }

    [Inject] public required ConversationService Conversations { get; set; }

    [Inject] public required HotlineTime Time { get; set; }

    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private string _reference = "";
    private string _ending = "";
    private DateTime? _from;
    private DateTime? _to;
    private string _disposition = "";
    private RiskLevel? _risk;
    private ConversationLanguage? _language;
    private string _words = "";
    private bool _training;
    private ConversationSearchPage? _page;

    /// <summary>The days are the hotline's: "on or before" takes the whole of that day.</summary>
    private Task SearchAsync() => RunAsync(async () => _page = await Search.SearchAsync(Staff.Id, new ConversationSearchQuery(
        _reference, _ending,
        _from is { } f ? StartOfDayUtc(f) : null,
        _to is { } t ? StartOfDayUtc(t.AddDays(1)) : null,
        _disposition, _risk, _language, _words, _training)));

    private DateTime StartOfDayUtc(DateTime day)
    {
        var midnight = DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified);
        if (Time.Zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddHours(1); // Where a clock change skips midnight, the day starts an hour later.
        }
        return TimeZoneInfo.ConvertTimeToUtc(midnight, Time.Zone);
    }
}
