using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Simulator;

/// <summary>
/// The fake phone: sends signed webhooks to this app's own <c>/twilio/sms</c> over HTTP (through
/// <see cref="SimulatorWebhookSender"/>), as
/// Twilio would, and shows delivered replies live through <see cref="ConversationNotifier"/>.
/// </summary>
public sealed partial class SimulatorPage : IDisposable
{
    [Inject] public required TrainingSimulator Training { get; set; }
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required SimulatorWebhookSender Sender { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private static readonly SimulatorThread EmptyThread = new(new HashSet<int>(), []);

    private string? _actorId;
    private string _phoneNumber = TrainingSimulator.RandomPhoneNumber();
    private SimulatorThread _thread = EmptyThread;
    private LiveUpdates? _live;
    private bool _loaded;
    private bool _sending;
    private bool _interactive;
    private string? _denied;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        _actorId = Staff.IsSignedIn ? Staff.Id : null;
        try
        {
            await Training.RequireAccessAsync(_actorId);
        }
        catch (StaffAuthorizationException ex)
        {
            _denied = ex.Message;
            return;
        }
        if (Training.IsAvailable)
        {
            _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
            _live.Follow(h => Notifier.Subscribe(h, IsThisPhonesConversation), LoadThreadAsync);
            await LoadThreadAsync();
        }
        _loaded = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Runs only once the circuit is live (never while prerendering): now input is kept.
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    // A new conversation may be the one this phone just started.
    private bool IsThisPhonesConversation(ConversationChange change)
        => change.Kind == ConversationChangeKind.Created || _thread.ConversationIds.Contains(change.ConversationId);

    private async Task LoadThreadAsync() => _thread = await Training.ReadThreadAsync(_actorId, _phoneNumber);

    private async Task ChangeNumberAsync(string phoneNumber)
    {
        phoneNumber = string.IsNullOrWhiteSpace(phoneNumber) ? TrainingSimulator.RandomPhoneNumber() : phoneNumber.Trim();
        if (!TrainingSimulator.IsPhoneNumber(phoneNumber))
        {
            _error = L["NumberInvalid"];
            return;
        }
        _error = null;
        _phoneNumber = phoneNumber;
        await LoadThreadAsync();
    }

    /// <returns>True when the hotline stored the text (the composer then clears).</returns>
    private async Task<bool> SendAsync(string body)
    {
        if (_sending)
        {
            return false; // A double click: the first send is still on its way.
        }
        _sending = true;
        _error = null;
        try
        {
            _error = await Sender.SendAsync(_actorId, _phoneNumber, body);
            if (_error is not null)
            {
                return false;
            }
            await LoadThreadAsync();
            return true;
        }
        finally
        {
            _sending = false;
            // The phone's Send button follows this page's state: a live update rendered mid-send
            // would otherwise leave it showing "sending" (and disabled) for good.
            StateHasChanged();
        }
    }

    public void Dispose() => _live?.Dispose();
}
