using BeFree.Core.Referrals;
using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Conversations;

/// <summary>The conversation's referral panel: find a service by state and language, send neutral wording through the reply path.</summary>
public partial class ReferralSendPanel
{
    [Inject] public required ReferralDirectory Directory { get; set; }

    [Inject] public required ReferralSender Sender { get; set; }

    [Inject] public required BeFree.Core.Time.HotlineTime Time { get; set; }

    [Parameter] public bool IsShiftLead { get; set; }

    private string _state = "";
    private string _language = "";
    private IReadOnlyList<SupportServiceView>? _services;
    private SupportServiceView? _chosen;
    private string _text = "";
    private string _override = "";
    private string? _notice;

    /// <summary>Core's <see cref="ReferralDirectory.KindText"/> in the reader's language (English words when a kind has no key yet).</summary>
    private string KindText(ServiceKind kind) => L["ServiceKind_" + kind] is { ResourceNotFound: false } text ? text : ReferralDirectory.KindText(kind);

    private string LanguageText(string code) => L["Referral_Language_" + code] is { ResourceNotFound: false } text ? text : ReferralDirectory.LanguageText(code);
    private IReadOnlyList<ReferralView> _sent = [];
    private int _loadedFor;

    private IReadOnlyList<string> Alarming => NeutralWording.FindAlarmingWords(_text);

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == Detail.ConversationId)
        {
            return;
        }
        _loadedFor = Detail.ConversationId;
        _state = Detail.FromState ?? "";
        await LoadSentAsync();
    }

    private async Task LoadSentAsync()
    {
        try
        {
            _sent = await Sender.ListForConversationAsync(ActorId, Detail.ConversationId);
        }
        catch (Exception e) when (ActionPanelBase.IsRuleMessage(e))
        {
            _sent = [];
        }
    }

    private Task SearchAsync() => Runner.RunAsync(async () =>
    {
        _services = await Directory.SearchAsync(ActorId, _state, _language);
        _chosen = null;
    });

    private void Choose(int? serviceId)
    {
        _chosen = _services?.FirstOrDefault(s => s.Id == serviceId);
        _text = _chosen?.DefaultText ?? "";
        _notice = null;
    }

    private async Task SendAsync()
    {
        var chosen = _chosen!;
        var text = _text;
        var reason = IsShiftLead && !string.IsNullOrWhiteSpace(_override) ? _override : null;
        _notice = null;
        if (await RunAsync(() => Sender.SendAsync(ActorId, Detail.ConversationId, chosen.Id, text, reason)))
        {
            _notice = L["Referral_Notice", chosen.Name];
            _chosen = null;
            _text = _override = "";
            await LoadSentAsync();
        }
    }
}
