using BeFree.Core.Conversations;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Conversations;

public sealed partial class ReplyBox : IDisposable
{
    [Inject] private ReplyService Replies { get; set; } = default!;
    [Inject] private CannedResponses CannedResponses { get; set; } = default!;

    /// <summary>Shift leads may send past do-not-text-back or safe hours with a reason; never past STOP.</summary>
    [Parameter] public bool IsShiftLead { get; set; }

    private LiveUpdates? _live;
    private IReadOnlyList<CannedResponseView> _canned = [];
    private string _draftText = "";
    private string _overrideReason = "";
    private SmsLength _length = SmsSegments.Measure("");
    private bool _refusalAllowsOverride;

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

    public void Dispose() => _live?.Dispose();

    /// <summary>Why nobody here can reply now, or null when the box is open.</summary>
    private string? DisabledReason => Detail switch
    {
        { Status: ConversationStatus.Closed } => "This conversation is closed. Replies are off.",
        { Safety.IsOptedOut: true } => Detail.ContactCheck.Reason
            ?? "The texter opted out (STOP). Nothing can be sent until they text START.",
        { IsMine: false } => Detail.AssignedToName is { } holder
            ? $"{holder} holds this conversation: only they can reply." + (IsShiftLead ? " Take it over to reply." : "")
            : "This conversation is waiting in the queue. Claim it to reply.",
        { ContactCheck.Verdict: ContactVerdict.Refused } => Detail.ContactCheck.Reason,
        { ContactCheck.Verdict: ContactVerdict.NeedsLeadOverride } when !IsShiftLead =>
            Detail.ContactCheck.Reason + " Only a shift lead can send now, with a recorded reason.",
        _ => null,
    };

    private bool NeedsOverride => IsShiftLead
        && (Detail.ContactCheck.Verdict == ContactVerdict.NeedsLeadOverride || _refusalAllowsOverride);

    private void InsertCanned(ChangeEventArgs e)
    {
        if (!int.TryParse(e.Value?.ToString(), out var id) || _canned.FirstOrDefault(c => c.Id == id) is not { } canned)
        {
            return;
        }
        Draft = string.IsNullOrWhiteSpace(Draft) ? canned.Body : Draft.TrimEnd() + " " + canned.Body;
    }

    private async Task SendAsync(string? overrideReason)
    {
        var body = Draft;
        var reason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason;
        _refusalAllowsOverride = false;
        try
        {
            if (await RunAsync(() => Replies.SendReplyAsync(ActorId, Detail.ConversationId, body, reason)))
            {
                Draft = "";
                _overrideReason = "";
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
