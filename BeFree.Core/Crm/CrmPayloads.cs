using System.Text.Json;
using System.Text.Json.Serialization;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Crm;

/// <summary>The JSON body of one event for one endpoint (docs/crm-webhook.schema.json). Text and the full number only when the endpoint allows.</summary>
public static class CrmPayloads
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<string> BuildAsync(BeFreeDbContext db, CrmEvent e, CrmEndpoint endpoint, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Texter)
            .FirstAsync(c => c.Id == e.ConversationId, cancellationToken);
        var payload = new Dictionary<string, object?>
        {
            ["id"] = $"evt_{e.Id}",
            ["type"] = e.Type,
            ["version"] = SchemaVersion,
            ["occurredAt"] = e.OccurredUtc,
            ["conversation"] = new Dictionary<string, object?>
            {
                ["id"] = conversation.Id,
                ["reference"] = $"BEFREE-{conversation.Id}",
                ["status"] = conversation.Status.ToString(),
                ["risk"] = conversation.Risk.ToString(),
                ["createdAt"] = conversation.CreatedUtc,
                ["closedAt"] = conversation.ClosedUtc,
                ["disposition"] = conversation.Disposition,
                ["isTraining"] = conversation.IsTraining,
                ["maskedNumber"] = PhoneMasking.Mask(conversation.Texter.PhoneNumber),
                ["phoneNumber"] = endpoint.IncludeFullNumber ? conversation.Texter.PhoneNumber : null,
                ["summary"] = endpoint.IncludeText ? conversation.Summary : null,
            },
        };
        if (e.EscalationId is int escalationId)
        {
            var x = await db.Escalations.AsNoTracking().Include(y => y.Contact).FirstAsync(y => y.Id == escalationId, cancellationToken);
            payload["escalation"] = new Dictionary<string, object?>
            {
                ["id"] = x.Id,
                ["agency"] = x.Contact.Agency,
                ["status"] = x.Status.ToString(),
                ["reason"] = x.Reason.ToString(),
                ["urgency"] = x.Urgency.ToString(),
                ["cyberTiplineCategory"] = x.CyberTiplineCategory?.ToString(),
                ["approvedAt"] = x.ApprovedUtc,
                ["sentAt"] = x.SentUtc,
                ["sentWithoutApproval"] = x.SentWithoutApproval,
                ["acknowledgedAt"] = x.AcknowledgedUtc,
                ["agencyReference"] = x.AgencyReference,
                ["summary"] = endpoint.IncludeText ? x.Summary : null,
            };
        }
        if (e.ReferralId is long referralId)
        {
            var r = await db.Referrals.AsNoTracking().FirstAsync(y => y.Id == referralId, cancellationToken);
            var service = await db.SupportServices.AsNoTracking().FirstAsync(s => s.Id == r.ServiceId, cancellationToken);
            var text = endpoint.IncludeText
                ? await db.Messages.AsNoTracking().Where(m => m.Id == r.MessageId).Select(m => m.Body).FirstOrDefaultAsync(cancellationToken)
                : null;
            payload["referral"] = new Dictionary<string, object?>
            {
                ["id"] = r.Id,
                ["serviceId"] = service.Id,
                ["serviceName"] = service.Name,
                ["kind"] = r.Kind.ToString(),
                ["sentAt"] = r.SentUtc,
                ["text"] = string.IsNullOrEmpty(text) ? null : text,
            };
        }
        return JsonSerializer.Serialize(Prune(payload), Json);
    }

    private static Dictionary<string, object?> Prune(Dictionary<string, object?> map)
    {
        foreach (var key in map.Keys.ToList())
        {
            if (map[key] is null) map.Remove(key);
            else if (map[key] is Dictionary<string, object?> inner) Prune(inner);
        }
        return map;
    }
}
