using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Conversations;

/// <summary>
/// Gives a new installation a few starter replies, once: only while no canned response exists and the
/// seed's marker is absent. The marker commits with the replies, so deleting or deactivating them all
/// never brings them back, and an installation that already had its own replies is only marked.
/// </summary>
public sealed class CannedResponseSeed(IDbContextFactory<BeFreeDbContext> dbFactory, AuditLog audit, TimeProvider clock,
    ILogger<CannedResponseSeed> logger) : IHostedService
{
    public const string MarkerKey = "starter-canned-responses";

    /// <summary>
    /// Neutral wording: a texter's phone may be read by someone else, so nothing names the hotline's
    /// subject except the reply that deliberately gives the national hotline's numbers.
    /// </summary>
    public static IReadOnlyList<CannedResponseInput> Starters() =>
    [
        new("Greeting",
            "Hi, thank you for reaching out. You are texting with a trained advocate, and we are here to listen and help.", 10),
        new("Safety check",
            "Is it safe to text right now? If not, you can text us again whenever it is safe.", 15),
        new("What do you need",
            "Can you tell me a little about what is going on and what you need right now?", 20),
        new("Where are you",
            "Can you tell me where you are right now? A city or a nearby landmark is enough, and only if it is safe to share.", 25),
        new("Confidentiality",
            "What you share with us stays confidential. You do not have to give your name, you can stop at any time, and you may want to delete these texts after reading them.", 30),
        new("National hotline",
            "You can also reach the National Human Trafficking Hotline 24/7 at 1-888-373-7888, or text HELP or INFO to 233733.", 40),
        new("Emergency",
            "If you are in immediate danger, please call 911.", 50),
        new("Closing",
            "Thank you for texting. You can text this number again any time. Please take care, and remember you may want to delete this conversation.", 60),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SeedMarkers.AnyAsync(m => m.Key == MarkerKey, cancellationToken))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.SeedMarkers.Add(new SeedMarker { Key = MarkerKey, AppliedUtc = now });
        var added = new List<CannedResponse>();
        if (!await db.CannedResponses.AnyAsync(cancellationToken))
        {
            foreach (var starter in Starters())
            {
                var response = new CannedResponse
                {
                    Title = starter.Title,
                    Body = starter.Body,
                    SortOrder = starter.SortOrder,
                    IsActive = true,
                    CreatedUtc = now,
                    UpdatedUtc = now,
                };
                db.CannedResponses.Add(response);
                added.Add(response);
            }
            audit.Add(db, AuditActor.System, AuditActions.CannedResponsesSeeded, "canned-response", details: $"count={added.Count}");
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (await MarkedByAnotherServerAsync(cancellationToken))
            {
                // Another server starting at the same moment seeded first; this one's copy rolled back whole.
                return;
            }
            throw;
        }
        if (added.Count > 0)
        {
            logger.LogInformation("Added {Count} starter canned responses", added.Count);
        }
    }

    private async Task<bool> MarkedByAnotherServerAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SeedMarkers.AnyAsync(m => m.Key == MarkerKey, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
