using Microsoft.AspNetCore.Components;
using MudBlazor;
using BeFree.Core.Time;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Outbound;

namespace BeFree.Web.Components.Pages.Conversations;

public sealed partial class ThreadPanel
{
    [Inject] public required HeldMessageService HeldMessages { get; set; }
    [Inject] public required HotlineTime Time { get; set; }

    [Parameter] public bool IsShiftLead { get; set; }

    private string? _overrideReason;

    private Task SendAgainAsync(long messageId) => RunAsync(async () =>
    {
        await HeldMessages.SendAgainAsync(ActorId, messageId, _overrideReason);
        _overrideReason = null;
    });

    private Task DiscardAsync(long messageId) => RunAsync(() => HeldMessages.DiscardAsync(ActorId, messageId));

    private string MediaLabel(ThreadMedia media) => string.IsNullOrEmpty(media.ContentType)
        ? L["Thread_Attachment", media.Index + 1]
        : L["Thread_AttachmentType", media.Index + 1, media.ContentType];

    private string Sender(ThreadMessage message) => message switch
    {
        { Direction: MessageDirection.Inbound } => L["Sender_Texter"],
        { Origin: MessageOrigin.Automatic } => L["Sender_Automatic"],
        { SentByName: { } name } => name,
        _ => L["Sender_Advocate"],
    };

    private static string StatusIcon(MessageStatus status) => status switch
    {
        MessageStatus.Delivered or MessageStatus.Read => Icons.Material.Filled.DoneAll,
        MessageStatus.Sent => Icons.Material.Filled.Done,
        MessageStatus.Queued or MessageStatus.Sending => Icons.Material.Filled.Schedule,
        MessageStatus.Failed or MessageStatus.Undelivered => Icons.Material.Filled.ErrorOutline,
        MessageStatus.Held => Icons.Material.Filled.PauseCircleOutline,
        MessageStatus.Discarded => Icons.Material.Filled.Block,
        _ => Icons.Material.Filled.Done,
    };
}
