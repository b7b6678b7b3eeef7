using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Core.Conversations;

/// <summary>A new installation starts with the starter replies, once; staff own them from then on.</summary>
public sealed class CannedResponseSeedTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private CannedResponses Canned => _host.Get<CannedResponses>();

    public async Task InitializeAsync() => _host = await WorkspaceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The seed as a restart of the app runs it.</summary>
    private Task RestartSeedAsync()
        => ActivatorUtilities.CreateInstance<CannedResponseSeed>(_host.Services).StartAsync(CancellationToken.None);

    [Fact]
    public async Task A_new_installation_offers_the_starter_replies_with_the_real_numbers()
    {
        var advocate = await _host.CreateAdvocateAsync("Alex");

        var offered = await Canned.ListAsync(advocate);

        Assert.Equal(CannedResponseSeed.Starters().Select(s => s.Title), offered.Select(c => c.Title));
        Assert.All(offered, c => Assert.True(c.IsActive));
        Assert.All(offered, c => Assert.InRange(c.Body.Length, 1, ReplyService.MaxBodyLength));
        var bodies = string.Join("\n", offered.Select(c => c.Body));
        Assert.Contains("Is it safe to text right now?", bodies);
        Assert.Contains("where you are", bodies);
        Assert.Contains("1-888-373-7888", bodies);
        Assert.Contains("233733", bodies);
        Assert.Contains("call 911", bodies);
        Assert.Contains("confidential", bodies);
        // Neutral wording: only the reply that gives the national hotline names what the hotline is about.
        Assert.Single(offered, c => c.Body.Contains("Trafficking", StringComparison.OrdinalIgnoreCase));
        var seeded = Assert.Single(await _host.AuditAsync(AuditActions.CannedResponsesSeeded));
        Assert.Equal($"count={offered.Count}", seeded.Details);
    }

    [Fact]
    public async Task Starter_replies_can_be_edited_and_deactivated_like_any_other()
    {
        var lead = await _host.CreateLeadAsync("Lee");
        var greeting = (await Canned.ListAsync(lead)).First();

        await Canned.UpdateAsync(lead, greeting.Id, new CannedResponseInput(greeting.Title, "Hi, are you safe to text right now?", greeting.SortOrder));
        await Canned.SetActiveAsync(lead, greeting.Id, false);

        var stored = Assert.Single(await Canned.ListAsync(lead, includeInactive: true), c => c.Id == greeting.Id);
        Assert.Equal(("Hi, are you safe to text right now?", false), (stored.Body, stored.IsActive));
    }

    [Fact]
    public async Task Deactivated_or_deleted_starters_never_come_back()
    {
        var lead = await _host.CreateLeadAsync("Lee");
        var starters = await Canned.ListAsync(lead);
        foreach (var starter in starters)
        {
            await Canned.SetActiveAsync(lead, starter.Id, false);
        }

        await RestartSeedAsync();

        Assert.Empty(await Canned.ListAsync(lead));
        Assert.Equal(starters.Count, (await Canned.ListAsync(lead, includeInactive: true)).Count);

        await using (var db = await _host.DbAsync())
        {
            await db.CannedResponses.ExecuteDeleteAsync();
        }
        await RestartSeedAsync();

        Assert.Empty(await Canned.ListAsync(lead, includeInactive: true));
        Assert.Single(await _host.AuditAsync(AuditActions.CannedResponsesSeeded));
    }

    [Fact]
    public async Task An_installation_that_already_has_its_own_replies_gets_no_starters()
    {
        var lead = await _host.CreateLeadAsync("Lee");
        await using (var db = await _host.DbAsync())
        {
            // As before this version: no marker, and the hotline's own replies.
            await db.CannedResponses.ExecuteDeleteAsync();
            await db.SeedMarkers.ExecuteDeleteAsync();
        }
        await Canned.CreateAsync(lead, new CannedResponseInput("Our greeting", "Hello from the hotline team."));

        await RestartSeedAsync();
        await using (var db = await _host.DbAsync())
        {
            await db.CannedResponses.Where(c => c.Title == "Our greeting").ExecuteDeleteAsync();
        }
        await RestartSeedAsync();

        Assert.Empty(await Canned.ListAsync(lead, includeInactive: true));
        await using var check = await _host.DbAsync();
        Assert.True(await check.SeedMarkers.AnyAsync(m => m.Key == CannedResponseSeed.MarkerKey));
    }
}
