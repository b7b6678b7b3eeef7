using System.Net;
using System.Security.Cryptography;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Crm;

public sealed record CrmEndpointInput(string Name, string Url, bool IncludeText, bool IncludeFullNumber);

public sealed record CrmEndpointView(int Id, string Name, string Url, bool IncludeText, bool IncludeFullNumber, bool IsActive, DateTime UpdatedUtc);

/// <summary>Shown once when an endpoint is created or its secret replaced: BeFree keeps it only encrypted.</summary>
public sealed record CrmSecretIssued(int EndpointId, string Secret);

public sealed record CrmDeliveryView(long Id, long EventId, string EventType, int ConversationId, string EndpointName, CrmDeliveryStatus Status,
    int Attempts, DateTime? LastAttemptUtc, int? LastStatusCode, string? LastError, DateTime? DeliveredUtc, DateTime NextAttemptUtc, DateTime CreatedUtc);

/// <summary>
/// CRM webhook endpoints and their delivery log: Admins only, every change audited. The signing
/// secret is stored encrypted with Data Protection and shown once; URLs are HTTPS (plain HTTP only
/// to this machine, for a local receiver).
/// </summary>
public sealed class CrmEndpoints(IDbContextFactory<BeFreeDbContext> dbFactory, IDataProtectionProvider dataProtection, AuditLog audit, TimeProvider clock)
{
    public const int MaxUrlLength = 500;
    public const int MinSecretLength = 32;
    public const string SecretPurpose = "BeFree.Crm.EndpointSecret.v1";

    private IDataProtector Protector => dataProtection.CreateProtector(SecretPurpose);

    public async Task<IReadOnlyList<CrmEndpointView>> ListAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        return await db.CrmEndpoints.AsNoTracking().OrderBy(e => e.Name)
            .Select(e => new CrmEndpointView(e.Id, e.Name, e.Url, e.IncludeText, e.IncludeFullNumber, e.IsActive, e.UpdatedUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates an endpoint. With no secret given, one is generated; either way it is returned once.</summary>
    public async Task<CrmSecretIssued> CreateAsync(string actorId, CrmEndpointInput input, string? secret = null, CancellationToken cancellationToken = default)
    {
        var (name, url) = Validate(input);
        var theSecret = ValidateSecret(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var now = clock.GetUtcNow().UtcDateTime;
        var endpoint = new CrmEndpoint
        {
            Name = name,
            Url = url,
            IncludeText = input.IncludeText,
            IncludeFullNumber = input.IncludeFullNumber,
            ProtectedSecret = Protector.Protect(theSecret),
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.CrmEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(ConversationAccess.Actor(actor), CrmAuditActions.EndpointCreated, "crm-endpoint", endpoint.Id.ToString(),
            Describe(endpoint), cancellationToken);
        return new CrmSecretIssued(endpoint.Id, theSecret);
    }

    public async Task UpdateAsync(string actorId, int endpointId, CrmEndpointInput input, bool active, CancellationToken cancellationToken = default)
    {
        var (name, url) = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var endpoint = await db.CrmEndpoints.FirstOrDefaultAsync(e => e.Id == endpointId, cancellationToken)
            ?? throw new StaffRuleException(CrmMessages.Get("EndpointNotFound"));
        endpoint.Name = name;
        endpoint.Url = url;
        endpoint.IncludeText = input.IncludeText;
        endpoint.IncludeFullNumber = input.IncludeFullNumber;
        endpoint.IsActive = active;
        endpoint.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        audit.Add(db, ConversationAccess.Actor(actor), CrmAuditActions.EndpointUpdated, "crm-endpoint", endpoint.Id.ToString(), Describe(endpoint));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<CrmSecretIssued> ReplaceSecretAsync(string actorId, int endpointId, string? secret = null, CancellationToken cancellationToken = default)
    {
        var theSecret = ValidateSecret(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var rows = await db.CrmEndpoints.Where(e => e.Id == endpointId).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.ProtectedSecret, Protector.Protect(theSecret))
            .SetProperty(e => e.UpdatedUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (rows != 1)
        {
            throw new StaffRuleException(CrmMessages.Get("EndpointNotFound"));
        }
        await audit.WriteAsync(ConversationAccess.Actor(actor), CrmAuditActions.SecretReplaced, "crm-endpoint", endpointId.ToString(), null, cancellationToken);
        return new CrmSecretIssued(endpointId, theSecret);
    }

    /// <summary>The delivery log, newest first.</summary>
    public async Task<IReadOnlyList<CrmDeliveryView>> DeliveriesAsync(string actorId, CrmDeliveryStatus? status = null, int take = 100,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var deliveries = db.CrmDeliveries.AsNoTracking();
        if (status is { } wanted)
        {
            deliveries = deliveries.Where(d => d.Status == wanted);
        }
        return await (from d in deliveries
                      join e in db.CrmEvents on d.EventId equals e.Id
                      join p in db.CrmEndpoints on d.EndpointId equals p.Id
                      orderby d.Id descending
                      select new CrmDeliveryView(d.Id, e.Id, e.Type, e.ConversationId, p.Name, d.Status, d.Attempts, d.LastAttemptUtc,
                          d.LastStatusCode, d.LastError, d.DeliveredUtc, d.NextAttemptUtc, d.CreatedUtc))
            .Take(Math.Clamp(take, 1, 500))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Sends a delivery again now, whatever became of it (the CRM lost it, or every attempt failed). Not
    /// while a server is delivering it. The receiver sees the same event id and may ignore a duplicate.
    /// </summary>
    public async Task ReplayAsync(string actorId, long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, StaffRoles.Admin);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.CrmDeliveries
            .Where(d => d.Id == deliveryId && (d.Status != CrmDeliveryStatus.Pending || d.ClaimToken == null))
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Status, CrmDeliveryStatus.Pending)
                .SetProperty(d => d.NextAttemptUtc, now)
                .SetProperty(d => d.ClaimToken, (Guid?)null), cancellationToken);
        if (rows != 1)
        {
            throw new StaffRuleException(CrmMessages.Get("DeliveryBusy"));
        }
        await audit.WriteAsync(ConversationAccess.Actor(actor), CrmAuditActions.DeliveryReplayed, "crm-delivery", deliveryId.ToString(), null, cancellationToken);
    }

    internal string Unprotect(CrmEndpoint endpoint) => Protector.Unprotect(endpoint.ProtectedSecret);

    private static string Describe(CrmEndpoint e)
        => $"name={e.Name}; host={new Uri(e.Url).Host}; text={e.IncludeText}; fullNumber={e.IncludeFullNumber}; active={e.IsActive}";

    private static (string Name, string Url) Validate(CrmEndpointInput input)
    {
        static Exception Fail(string message) => new StaffRuleException(message);
        var name = TypedText.Require(input.Name, CrmMessages.Get("Field_Name"), 100, Fail);
        var url = TypedText.Require(input.Url, CrmMessages.Get("Field_Url"), MaxUrlLength, Fail);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw Fail(CrmMessages.Get("FullAddress"));
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            // Case events are sensitive: only a receiver on this machine may take them unencrypted.
            throw Fail(CrmMessages.Get("UseHttps"));
        }
        return (name, uri.ToString());
    }

    private static bool IsLoopback(Uri uri)
        => uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string ValidateSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        }
        if (secret.Trim().Length < MinSecretLength)
        {
            throw new StaffRuleException(CrmMessages.Get("SecretTooShort", MinSecretLength));
        }
        return secret.Trim();
    }
}

public static class CrmAuditActions
{
    public const string EndpointCreated = "crm.endpoint-created";
    public const string EndpointUpdated = "crm.endpoint-updated";
    public const string SecretReplaced = "crm.secret-replaced";
    public const string DeliveryReplayed = "crm.delivery-replayed";
    public const string DeliveryFailed = "crm.delivery-failed";
}
