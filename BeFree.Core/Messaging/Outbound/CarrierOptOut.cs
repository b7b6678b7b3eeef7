using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Twilio;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>Twilio reported 21610: the texter unsubscribed at the carrier. BeFree must stop texting them too.</summary>
internal static class CarrierOptOut
{
    /// <summary>Marks the texter opted out and alerts the conversation; true when that changed anything. The caller saves.</summary>
    public static async Task<bool> RecordAsync(BeFreeDbContext db, AuditLog audit, int conversationId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.Include(c => c.Texter).FirstAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation.Texter.IsOptedOut)
        {
            return false;
        }
        conversation.Texter.IsOptedOut = true;
        conversation.Texter.OptedOutUtc = nowUtc;
        conversation.OptOutAlert = true;
        audit.Add(db, AuditActor.System, MessagingAuditActions.TexterOptedOut, "texter",
            conversation.TexterId.ToString(CultureInfo.InvariantCulture),
            $"Twilio error {TwilioErrorCodes.Unsubscribed} in conversation {conversationId}");
        BeFree.Core.Crm.CrmOutbox.Add(db, BeFree.Core.Crm.CrmEventTypes.TexterOptedOut, conversationId, nowUtc);
        return true;
    }
}
