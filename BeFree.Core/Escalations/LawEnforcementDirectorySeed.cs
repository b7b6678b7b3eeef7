using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace BeFree.Core.Escalations;

/// <summary>
/// Gives a new installation the nationwide lines. Each entry is added once (by its seed key), so
/// restarts add nothing and an entry staff edited or deactivated stays as they left it. Servers
/// starting together on a new database: the seed key's unique index lets one add them; the others
/// find them added.
/// </summary>
public sealed class LawEnforcementDirectorySeed(IDbContextFactory<BeFreeDbContext> dbFactory, AuditLog audit, TimeProvider clock) : IHostedService
{
    public const string HumanTraffickingHotlineKey = "national-human-trafficking-hotline";
    public const string CyberTiplineKey = "ncmec-cybertipline";

    public static IReadOnlyList<LawEnforcementContact> Entries() =>
    [
        new()
        {
            SeedKey = HumanTraffickingHotlineKey,
            Agency = "National Human Trafficking Hotline",
            IsNational = true,
            Phone = "1-888-373-7888",
            TwentyFourSevenPhone = "1-888-373-7888",
            Notes = "Answered 24/7, confidential, in many languages. Takes tips and connects survivors with services nationwide.",
        },
        new()
        {
            SeedKey = CyberTiplineKey,
            Agency = "NCMEC CyberTipline",
            IsNational = true,
            Phone = "1-800-843-5678",
            TwentyFourSevenPhone = "1-800-843-5678",
            Notes = "National Center for Missing & Exploited Children. For suspected sexual exploitation of a minor.",
        },
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.LawEnforcementContacts.Where(c => c.SeedKey != null).Select(c => c.SeedKey!).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<LawEnforcementContact>();
        foreach (var entry in Entries().Where(e => !existing.Contains(e.SeedKey!)))
        {
            entry.CreatedUtc = now;
            entry.UpdatedUtc = now;
            entry.IsActive = true;
            db.LawEnforcementContacts.Add(entry);
            added.Add(entry);
        }
        if (added.Count == 0)
        {
            return;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            var keys = added.Select(e => e.SeedKey!).ToList();
            if (await check.LawEnforcementContacts.CountAsync(c => keys.Contains(c.SeedKey!), cancellationToken) < keys.Count)
            {
                throw;
            }
            return; // Another app server seeded them (and audited it) first.
        }
        foreach (var entry in added)
        {
            await audit.WriteAsync(AuditActor.System, AuditActions.LawContactSeeded, "law-contact", entry.Id.ToString(),
                $"agency={entry.Agency}", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
