using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Conversations;

public sealed class CannedResponsesTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private CannedResponses Canned => _host.Get<CannedResponses>();

    public async Task InitializeAsync() => _host = await WorkspaceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Leads_and_admins_manage_them_advocates_read_the_active_ones()
    {
        var advocate = await _host.CreateAdvocateAsync("Alex");
        var lead = await _host.CreateLeadAsync("Lee");
        var admin = await _host.CreateStaffAsync("Ada", [StaffRoles.Admin]);
        await using (var db = await _host.DbAsync())
        {
            await db.CannedResponses.ExecuteDeleteAsync(); // without the starter replies (CannedResponseSeedTests)
        }
        var greeting = new CannedResponseInput("Greeting", "Hi, you've reached the hotline. Is it safe to text?", 1);

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Canned.CreateAsync(advocate, greeting));
        var first = await Canned.CreateAsync(lead, greeting);
        var second = await Canned.CreateAsync(admin, new CannedResponseInput("Safety check", "Reply STOP at any time to stop texts.", 0));
        await Assert.ThrowsAsync<ConversationActionException>(() => Canned.CreateAsync(lead, greeting));
        await Assert.ThrowsAsync<ConversationActionException>(() => Canned.CreateAsync(lead, greeting with { Title = "Empty", Body = " " }));
        await Canned.UpdateAsync(admin, first, greeting with { Body = "Hi, this is the hotline. Are you safe to text?" });
        await Canned.SetActiveAsync(lead, second, false);
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Canned.SetActiveAsync(advocate, first, false));

        var forAdvocate = await Canned.ListAsync(advocate, includeInactive: true);
        Assert.Equal("Hi, this is the hotline. Are you safe to text?", Assert.Single(forAdvocate).Body);
        Assert.Equal(["Safety check", "Greeting"], (await Canned.ListAsync(lead, includeInactive: true)).Select(c => c.Title));
        Assert.Equal(2, (await _host.AuditAsync(AuditActions.CannedResponseCreated)).Count);
        Assert.Single(await _host.AuditAsync(AuditActions.CannedResponseUpdated));
        Assert.Single(await _host.AuditAsync(AuditActions.CannedResponseDeactivated));
    }

    [Fact]
    public async Task Open_screens_see_a_new_changed_or_deactivated_response_without_reloading()
    {
        var advocate = await _host.CreateAdvocateAsync("Alex");
        var lead = await _host.CreateLeadAsync("Lee");
        IReadOnlyList<CannedResponseView> shown = await Canned.ListAsync(advocate);
        using var subscription = Canned.Subscribe(async () => shown = await Canned.ListAsync(advocate));

        var id = await Canned.CreateAsync(lead, new CannedResponseInput("Shelter", "We can help you find a safe place to stay tonight.", 99));
        await subscription.WhenIdleAsync();
        Assert.Equal("We can help you find a safe place to stay tonight.", Assert.Single(shown, c => c.Id == id).Body);

        await Canned.UpdateAsync(lead, id, new CannedResponseInput("Shelter", "We can help you find somewhere safe tonight.", 99));
        await subscription.WhenIdleAsync();
        Assert.Equal("We can help you find somewhere safe tonight.", Assert.Single(shown, c => c.Id == id).Body);

        await Canned.SetActiveAsync(lead, id, false);
        await subscription.WhenIdleAsync();
        Assert.DoesNotContain(shown, c => c.Id == id);
    }
}
