using BeFree.Core.Conversations;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>
/// Order of outbound delivery states. Callbacks arrive out of order, so a status only ever moves
/// forward: queued &lt; sending &lt; sent &lt; {delivered, undelivered, failed} &lt; read. The three
/// outcomes share a rank, so a late "failed" never overwrites "delivered" (nor the reverse).
/// Held ranks with sending (a report from Twilio about it moves it on); discarded is final.
/// </summary>
public static class DeliveryStatus
{
    public static int Rank(MessageStatus status) => status switch
    {
        MessageStatus.Received => 0,
        MessageStatus.Queued => 1,
        MessageStatus.Sending or MessageStatus.Held => 2,
        MessageStatus.Sent => 3,
        MessageStatus.Delivered or MessageStatus.Undelivered or MessageStatus.Failed or MessageStatus.Discarded => 4,
        MessageStatus.Read => 5,
        _ => 0,
    };

    public static bool CanMove(MessageStatus from, MessageStatus to) => Rank(to) > Rank(from);

    public static bool IsFinal(MessageStatus status) => Rank(status) >= 4;

    /// <summary>Twilio's status words for outbound messages; null for anything else (logged and ignored).</summary>
    public static MessageStatus? Parse(string? twilioStatus) => twilioStatus?.Trim().ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" => MessageStatus.Queued,
        "sending" => MessageStatus.Sending,
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        "undelivered" => MessageStatus.Undelivered,
        "failed" or "canceled" => MessageStatus.Failed,
        "read" => MessageStatus.Read,
        _ => null,
    };
}
