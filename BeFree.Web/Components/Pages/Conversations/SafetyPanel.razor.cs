using BeFree.Core.Conversations;
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

    [Inject] private TexterSafetyService Safety { get; set; } = default!;

    [Parameter] public bool IsShiftLead { get; set; }

    private TexterSafety? _shown;
    private bool _doNotTextBack;
    private TimeOnly? _windowStart;
    private TimeOnly? _windowEnd;
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
            _windowStart = Detail.Safety.SafeWindowStart;
            _windowEnd = Detail.Safety.SafeWindowEnd;
            _timeZoneId = Detail.Safety.TimeZoneId;
            _codeWord = Detail.Safety.CodeWord;
            _neutralWording = Detail.Safety.NeutralWordingReminder;
        }
    }

    private async Task SaveAsync()
    {
        _saved = false;
        var changes = new TexterSafetyChanges(_doNotTextBack, _windowStart, _windowEnd,
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
