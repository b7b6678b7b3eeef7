using System.Globalization;
using System.Text;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Crm;

public sealed record CrmRunResult(int FannedOut, int Delivered, int Retrying, int Failed);

/// <summary>
/// Delivers the CRM outbox. First each new event gets one delivery per active endpoint (the event is
/// claimed with a conditional update, in the same transaction as its deliveries); then due deliveries
/// are claimed one by one with a conditional update on their claim token, so several app servers never
/// post the same delivery at once. A failure is retried with doubling delays up to
/// <see cref="CrmOptions.MaxAttempts"/>, then marked failed for an admin to replay.
/// </summary>
public sealed class CrmDeliverer(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    IHttpClientFactory httpFactory,
    CrmEndpoints endpoints,
    AuditLog audit,
    IOptions<CrmOptions> options,
    TimeProvider clock,
    ILogger<CrmDeliverer> logger) : BackgroundService
{
    public const string HttpClientName = "BeFree.Crm";
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Delivering CRM events failed; trying again shortly.");
            }
            await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
        }
    }

    /// <summary>One pass: fan out new events, then deliver what is due. Safe to run on several servers at once.</summary>
    public async Task<CrmRunResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var fannedOut = await FanOutAsync(cancellationToken);
        int delivered = 0, retrying = 0, failed = 0;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.CrmDeliveries.AsNoTracking()
            .Where(d => d.Status == CrmDeliveryStatus.Pending && d.NextAttemptUtc <= now)
            .OrderBy(d => d.NextAttemptUtc).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.ClaimToken })
            .Take(Batch)
            .ToListAsync(cancellationToken);
        foreach (var candidate in due)
        {
            var token = Guid.NewGuid();
            var lease = clock.GetUtcNow().UtcDateTime.AddSeconds(options.Value.TimeoutSeconds * 2 + 30);
            var seen = candidate.ClaimToken;
            var claimed = await db.CrmDeliveries
                .Where(d => d.Id == candidate.Id && d.Status == CrmDeliveryStatus.Pending && d.NextAttemptUtc <= now && d.ClaimToken == seen)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.ClaimToken, token).SetProperty(d => d.NextAttemptUtc, lease), cancellationToken);
            if (claimed != 1)
            {
                continue; // another server has it
            }
            switch (await DeliverAsync(candidate.Id, token, cancellationToken))
            {
                case CrmDeliveryStatus.Delivered: delivered++; break;
                case CrmDeliveryStatus.Failed: failed++; break;
                default: retrying++; break;
            }
        }
        return new CrmRunResult(fannedOut, delivered, retrying, failed);
    }

    private async Task<int> FanOutAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.CrmEvents.AsNoTracking().Where(e => e.FannedOutUtc == null).OrderBy(e => e.Id)
            .Select(e => e.Id).Take(Batch).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var id in ids)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.CrmEvents.Where(e => e.Id == id && e.FannedOutUtc == null)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.FannedOutUtc, now), cancellationToken);
            if (rows != 1)
            {
                continue;
            }
            var active = await db.CrmEndpoints.AsNoTracking().Where(e => e.IsActive).Select(e => e.Id).ToListAsync(cancellationToken);
            foreach (var endpointId in active)
            {
                db.CrmDeliveries.Add(new CrmDelivery
                {
                    EventId = id,
                    EndpointId = endpointId,
                    Status = CrmDeliveryStatus.Pending,
                    NextAttemptUtc = now,
                    CreatedUtc = now,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            count++;
        }
        return count;
    }

    private async Task<CrmDeliveryStatus> DeliverAsync(long deliveryId, Guid token, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivery = await db.CrmDeliveries.AsNoTracking().FirstAsync(d => d.Id == deliveryId, cancellationToken);
        var endpoint = await db.CrmEndpoints.AsNoTracking().FirstAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        var ev = await db.CrmEvents.AsNoTracking().FirstAsync(e => e.Id == delivery.EventId, cancellationToken);
        int? statusCode = null;
        string? error = null;
        var ok = false;
        try
        {
            var body = await CrmPayloads.BuildAsync(db, ev, endpoint, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation(CrmSignature.HeaderName, CrmSignature.Sign(endpoints.Unprotect(endpoint), body, clock.GetUtcNow()));
            request.Headers.TryAddWithoutValidation("BeFree-Event-Id", $"evt_{ev.Id}");
            request.Headers.TryAddWithoutValidation("BeFree-Event-Type", ev.Type);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            var client = httpFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            statusCode = (int)response.StatusCode;
            ok = response.IsSuccessStatusCode;
            if (!ok)
            {
                error = $"HTTP {statusCode.Value.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = "Timed out";
        }
        catch (HttpRequestException e)
        {
            // The message names the failure (refused, DNS); never a body, which could echo payload text.
            error = Truncate(e.Message);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            error = "The endpoint's secret cannot be read (Data Protection keys changed); replace the secret.";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + 1;
        var status = ok ? CrmDeliveryStatus.Delivered
            : attempts >= options.Value.MaxAttempts ? CrmDeliveryStatus.Failed : CrmDeliveryStatus.Pending;
        var next = status == CrmDeliveryStatus.Pending ? now + options.Value.RetryDelay(attempts) : now;
        var rows = await db.CrmDeliveries.Where(d => d.Id == deliveryId && d.ClaimToken == token)
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastAttemptUtc, now)
                .SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.DeliveredUtc, ok ? now : delivery.DeliveredUtc)
                .SetProperty(d => d.NextAttemptUtc, next)
                .SetProperty(d => d.ClaimToken, (Guid?)null), cancellationToken);
        if (rows == 1 && status == CrmDeliveryStatus.Failed)
        {
            await audit.WriteAsync(AuditActor.System, CrmAuditActions.DeliveryFailed, "crm-delivery", deliveryId.ToString(CultureInfo.InvariantCulture),
                $"endpoint={endpoint.Id}; event={ev.Type}; attempts={attempts}", cancellationToken);
        }
        return status;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
