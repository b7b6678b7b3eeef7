using System.Globalization;
using BeFree.Core.Conversations;
using BeFree.Core.Time;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Conversations;

public sealed partial class SafetyPanel
{
    /// <summary>IANA ids where the system has them (Linux), otherwise whatever the system knows.</summary>
    private static readonly IReadOnlyList<string> TimeZoneIds = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : z.Id)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>How a native time input writes its value.</summary>
    private const string TimeInputFormat = "HH:mm";

    [Inject] public required TexterSafetyService Safety { get; set; }
    [Inject] public required HotlineTime Time { get; set; }

    [Parameter] public bool IsShiftLead { get; set; }

    private TexterSafety? _shown;
    private bool _doNotTextBack;
    private string? _windowStart;
    private string? _windowEnd;
    private string? _timeZoneId;
    private string? _codeWord;
    private bool _neutralWording;
    private bool _saved;
    private bool _revealing;
    private string _revealReason = "";
    private string? _revealed;

    private bool CanEdit => Detail.Status != ConversationStatus.Closed && (Detail.IsMine || IsShiftLead);

    protected override void OnParametersSet()
    {
        // Refill the form only when the stored settings changed, so a re-read never wipes what is being typed.
        if (_shown != Detail.Safety)
        {
            _shown = Detail.Safety;
            _doNotTextBack = Detail.Safety.DoNotTextBack;
            _windowStart = Detail.Safety.SafeWindowStart?.ToString(TimeInputFormat, CultureInfo.InvariantCulture);
            _windowEnd = Detail.Safety.SafeWindowEnd?.ToString(TimeInputFormat, CultureInfo.InvariantCulture);
            _timeZoneId = Detail.Safety.TimeZoneId;
            _codeWord = Detail.Safety.CodeWord;
            _neutralWording = Detail.Safety.NeutralWordingReminder;
        }
    }

    private Task<IEnumerable<string>> SearchZonesAsync(string? text, CancellationToken cancellationToken)
        => Task.FromResult(string.IsNullOrWhiteSpace(text)
            ? TimeZoneIds
            : TimeZoneIds.Where(z => z.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));

    private static TimeOnly? ParseTime(string? value)
        => TimeOnly.TryParse(value, CultureInfo.InvariantCulture, out var time) ? time : null;

    private async Task SaveAsync()
    {
        _saved = false;
        var changes = new TexterSafetyChanges(_doNotTextBack, ParseTime(_windowStart), ParseTime(_windowEnd),
            string.IsNullOrWhiteSpace(_timeZoneId) ? null : _timeZoneId.Trim(),
            string.IsNullOrWhiteSpace(_codeWord) ? null : _codeWord.Trim(), _neutralWording);
        _saved = await RunAsync(() => Safety.UpdateAsync(ActorId, Detail.ConversationId, changes));
    }

    private async Task RevealAsync()
    {
        var reason = _revealReason;
        string? number = null;
        if (await RunAsync(async () => number = await Safety.RevealNumberAsync(ActorId, Detail.ConversationId, reason)))
        {
            _revealed = number;
            _revealing = false;
            _revealReason = "";
        }
    }
}
