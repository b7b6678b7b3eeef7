using BeFree.Core.Conversations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Conversations;

public sealed partial class ReplyBox : IDisposable
{
    [Inject] private ReplyService Replies { get; set; } = default!;
    [Inject] private CannedResponses CannedResponses { get; set; } = default!;
    [Inject] private ReplyDraftService Drafts { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>How long typing must pause before the draft is saved.</summary>
    public static readonly TimeSpan DraftSavePause = TimeSpan.FromSeconds(1);

    /// <summary>Shift leads may send past do-not-text-back or safe hours with a reason; never past STOP.</summary>
    [Parameter] public bool IsShiftLead { get; set; }

    /// <summary>The person's "Enter sends" preference: Enter sends, Shift+Enter starts a new line (befree.js presses Send).</summary>
    [Parameter] public bool EnterSends { get; set; }

    private LiveUpdates? _live;
    private IReadOnlyList<CannedResponseView> _canned = [];
    private string _draftText = "";
    private string _overrideReason = "";
    private int _cannedPickerKey;
    private SmsLength _length = SmsSegments.Measure("");
    private bool _refusalAllowsOverride;
    /// <summary>The conversation the typed text belongs to (0 before the first one is opened).</summary>
    private int _draftFor;
    /// <summary>What the database holds as this person's draft for <see cref="_draftFor"/>.</summary>
    private string _savedText = "";
    private DateTime? _draftSavedUtc;
    private CancellationTokenSource? _pause;
    /// <summary>One per composed reply: a second submit of the same reply stores nothing (see ReplyService).</summary>
    private string _submissionKey = NewSubmissionKey();

    private static string NewSubmissionKey() => Guid.NewGuid().ToString("N");

    private int OverLimitBy => Math.Max(0, _length.Characters - ReplyService.MaxBodyLength);

    private string Draft
    {
        get => _draftText;
        set
        {
            _draftText = value;
            _length = SmsSegments.Measure(value);
        }
    }

    protected override async Task OnInitializedAsync()
    {
        await LoadCannedAsync();
        // A lead adding or retiring a reply reaches every open box: nobody inserts a retired text.
        _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
        _live.Follow(h => CannedResponses.Subscribe(h), LoadCannedAsync);
    }

    private async Task LoadCannedAsync()
    {
        try
        {
            _canned = await CannedResponses.ListAsync(ActorId);
        }
        catch (BeFree.Core.Staff.StaffAuthorizationException)
        {
            _canned = [];
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_draftFor == Detail.ConversationId)
        {
            return;
        }
        // Switching conversation: keep what was typed in the last one, bring back what was typed in this one.
        await SaveDraftAsync();
        _draftFor = Detail.ConversationId;
        _submissionKey = NewSubmissionKey();
        _draftSavedUtc = null;
        string? stored;
        try
        {
            stored = await Drafts.GetAsync(ActorId, _draftFor);
        }
        catch (BeFree.Core.Staff.StaffAuthorizationException)
        {
            stored = null;
        }
        Draft = stored ?? "";
        _savedText = Draft;
    }

    /// <summary>Typing restarts the pause; the draft is saved when it has lasted <see cref="DraftSavePause"/>.</summary>
    private void DraftTyped()
    {
        // A changed text is a different reply: it must never be taken for a repeat of one already sent.
        _submissionKey = NewSubmissionKey();
        CancelPause();
        _pause = new CancellationTokenSource();
        _ = SaveAfterPauseAsync(_pause.Token);
    }

    private void CancelPause()
    {
        _pause?.Cancel();
        _pause?.Dispose();
        _pause = null;
    }

    private async Task SaveAfterPauseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(DraftSavePause, Clock, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await InvokeAsync(async () =>
        {
            try
            {
                await SaveDraftAsync();
                StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        });
    }

    /// <summary>Saves the typed text for its conversation if it changed since the last save.</summary>
    private async Task SaveDraftAsync()
    {
        CancelPause();
        if (_draftFor == 0 || _draftText == _savedText)
        {
            return;
        }
        var text = _draftText;
        try
        {
            await Drafts.SaveAsync(ActorId, _draftFor, text);
            _savedText = text;
            _draftSavedUtc = Clock.GetUtcNow().UtcDateTime;
        }
        catch (Exception e) when (e is ConversationActionException or BeFree.Core.Staff.StaffAuthorizationException)
        {
            // Too long to keep, or the account was just disabled: the text stays on screen, nothing to add.
        }
    }

    public void Dispose()
    {
        _live?.Dispose();
        CancelPause();
        if (_draftFor != 0 && _draftText != _savedText)
        {
            // Leaving the page (or the circuit closing): keep what was typed. Nobody awaits a disposed component.
            var (actorId, conversationId, text) = (ActorId, _draftFor, _draftText);
            _ = Drafts.SaveAsync(actorId, conversationId, text).ContinueWith(
                t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }
    }

    /// <summary>Why nobody here can reply now, or null when the box is open.</summary>
    private string? DisabledReason => Detail switch
    {
        { Status: ConversationStatus.Closed } => L["Reply_Closed"],
        { Safety.IsOptedOut: true } => Detail.ContactCheck.Reason ?? L["Reply_OptedOut"],
        { IsMine: false } => Detail.AssignedToName is { } holder
            ? L["Reply_HeldByOther", holder] + (IsShiftLead ? " " + L["Reply_TakeOverToReply"] : "")
            : L["Reply_Queued"],
        { ContactCheck.Verdict: ContactVerdict.Refused } => Detail.ContactCheck.Reason,
        { ContactCheck.Verdict: ContactVerdict.NeedsLeadOverride } when !IsShiftLead =>
            Detail.ContactCheck.Reason + " " + L["Reply_OnlyLeadCanSend"],
        _ => null,
    };

    /// <summary>"160 characters · 2 SMS segments (GSM-7, 146 left in this one)": one and many are separate texts, as languages differ there.</summary>
    private string LengthText
    {
        get
        {
            var characters = L[_length.Characters == 1 ? "Reply_Characters_One" : "Reply_Characters_Other", _length.Characters];
            var segments = L[_length.Segments == 1 ? "Reply_Segments_One" : "Reply_Segments_Other", _length.Segments];
            var encoding = _length.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "Unicode";
            return $"{characters} · {segments} " + L["Reply_LeftInSegment", encoding, _length.CharactersLeftInSegment];
        }
    }

    private bool NeedsOverride => IsShiftLead
        && (Detail.ContactCheck.Verdict == ContactVerdict.NeedsLeadOverride || _refusalAllowsOverride);

    /// <summary>While the box holds "/" and a filter (one line), the canned responses whose title or text match; otherwise null.</summary>
    private IReadOnlyList<CannedResponseView>? SlashMatches
    {
        get
        {
            if (_canned.Count == 0 || !_draftText.StartsWith('/') || _draftText.Contains('\n'))
            {
                return null;
            }
            var filter = _draftText[1..].Trim();
            return _canned
                .Where(c => filter.Length == 0 || c.Title.Contains(filter, StringComparison.OrdinalIgnoreCase)
                    || c.Body.Contains(filter, StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.Language != Detail.Language)
                .ToList();
        }
    }

    /// <summary>A canned response picked after "/": it replaces the "/filter" typed to find it.</summary>
    private void UseCanned(CannedResponseView canned)
    {
        Draft = canned.Body;
        DraftTyped();
    }

    private void InsertCanned(int? id)
    {
        _cannedPickerKey++;
        if (_canned.FirstOrDefault(c => c.Id == id) is not { } canned)
        {
            return;
        }
        Draft = string.IsNullOrWhiteSpace(Draft) ? canned.Body : Draft.TrimEnd() + " " + canned.Body;
        DraftTyped();
    }

    private void DraftChanged(string? text)
    {
        Draft = text ?? "";
        DraftTyped();
    }

    private async Task SendAsync(string? overrideReason)
    {
        var body = Draft;
        var reason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason;
        var key = _submissionKey;
        _refusalAllowsOverride = false;
        CancelPause();
        try
        {
            // A second submit of the same reply (another tab, a resent form) answers AlreadySubmitted: success, not an error.
            if (await RunAsync(() => Replies.SendReplyAsync(ActorId, Detail.ConversationId, body, reason, key)))
            {
                Draft = "";
                _overrideReason = "";
                // Core cleared the stored draft with the send.
                _savedText = "";
                _draftSavedUtc = null;
                _submissionKey = NewSubmissionKey();
            }
        }
        finally
        {
            // The rules can change between the page's check and the send (safe hours ended): let a lead override then.
            _refusalAllowsOverride = Error is not null && LastRefusalAllowedOverride;
        }
    }

    private bool LastRefusalAllowedOverride => LastRefusal is ContactRefusedException { LeadMayOverride: true };
}
