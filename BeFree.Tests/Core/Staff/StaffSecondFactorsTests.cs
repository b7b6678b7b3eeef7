using System.Security.Cryptography;
using BeFree.Core.Audit;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Core.Staff;

public sealed class StaffSecondFactorsTests : IAsyncLifetime
{
    private StaffTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StaffTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private StaffSecondFactors Factors => _host.Services.GetRequiredService<StaffSecondFactors>();

    /// <summary>A passkey as Identity stores one after the browser created it (the key material is not checked here).</summary>
    private static UserPasskeyInfo NewPasskey() => new(
        RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(77), DateTimeOffset.UtcNow, signCount: 0,
        transports: ["internal"], isUserVerified: true, isBackupEligible: false, isBackedUp: false,
        attestationObject: RandomNumberGenerator.GetBytes(16), clientDataJson: RandomNumberGenerator.GetBytes(16));

    private async Task<string> CreateLeadAsync(string email, bool authenticator)
    {
        var id = await _host.CreateReadyStaffAsync(email, StaffRoles.ShiftLead);
        await _host.WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(id))!;
            return (await users.SetTwoFactorEnabledAsync(user, authenticator)).Succeeded;
        });
        return id;
    }

    private async Task<List<string>> AuditActionsAsync(string staffId)
    {
        await using var db = await _host.CreateDbContextAsync();
        return await db.AuditEntries.Where(a => a.SubjectId == staffId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task A_passkey_satisfies_the_two_factor_rule_for_a_lead()
    {
        var leadId = await CreateLeadAsync("lead.passkey@befree.test", authenticator: false);
        await using (var db = await _host.CreateDbContextAsync())
        {
            var refused = await Assert.ThrowsAsync<StaffAuthorizationException>(() => StaffAccess.RequireAsync(db, leadId, default));
            Assert.Contains("two-factor", refused.Message);
        }

        await Factors.AddPasskeyAsync(leadId, NewPasskey());

        await using (var db = await _host.CreateDbContextAsync())
        {
            var lead = await StaffAccess.RequireAsync(db, leadId, default, StaffRoles.ShiftLead);
            Assert.Equal(leadId, lead.Id);
        }
        Assert.Contains(AuditActions.PasskeyAdded, await AuditActionsAsync(leadId));
    }

    [Theory]
    [InlineData(false, false, false)] // no authenticator, no other passkey: refused
    [InlineData(false, true, true)]   // another passkey stays
    [InlineData(true, false, true)]   // the authenticator app stays
    public async Task A_lead_cannot_remove_their_last_second_factor(bool authenticator, bool secondPasskey, bool allowed)
    {
        var leadId = await CreateLeadAsync("lead.last@befree.test", authenticator);
        var passkeyId = await Factors.AddPasskeyAsync(leadId, NewPasskey());
        if (secondPasskey)
        {
            await Factors.AddPasskeyAsync(leadId, NewPasskey());
        }
        var stamp = (await _host.FindByIdAsync(leadId)).SecurityStamp;

        var removal = () => Factors.RemovePasskeyAsync(leadId, passkeyId);

        if (allowed)
        {
            await removal();
            Assert.DoesNotContain(await Factors.ListPasskeysAsync(leadId), p => p.Id == passkeyId);
            Assert.Contains(AuditActions.PasskeyRemoved, await AuditActionsAsync(leadId));
            Assert.NotEqual(stamp, (await _host.FindByIdAsync(leadId)).SecurityStamp);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<StaffRuleException>(removal);
            Assert.Equal(StaffSecondFactors.LastFactorMessage, refused.Message);
            Assert.Contains(await Factors.ListPasskeysAsync(leadId), p => p.Id == passkeyId);
            Assert.DoesNotContain(AuditActions.PasskeyRemoved, await AuditActionsAsync(leadId));
        }
    }

    [Fact]
    public async Task An_advocate_may_remove_their_only_passkey()
    {
        var advocateId = await _host.CreateReadyStaffAsync("advocate.passkey@befree.test", StaffRoles.Advocate);
        var passkeyId = await Factors.AddPasskeyAsync(advocateId, NewPasskey());

        await Factors.RemovePasskeyAsync(advocateId, passkeyId);

        Assert.Empty(await Factors.ListPasskeysAsync(advocateId));
    }

    [Fact]
    public async Task A_lead_resets_their_authenticator_app_only_while_a_passkey_remains()
    {
        var leadId = await CreateLeadAsync("lead.reset@befree.test", authenticator: true);
        await Assert.ThrowsAsync<StaffRuleException>(() => Factors.ResetOwnAuthenticatorAsync(leadId));
        Assert.True((await _host.FindByIdAsync(leadId)).TwoFactorEnabled);

        await Factors.AddPasskeyAsync(leadId, NewPasskey());
        await Factors.ResetOwnAuthenticatorAsync(leadId);

        Assert.False((await _host.FindByIdAsync(leadId)).TwoFactorEnabled);
        Assert.Contains(AuditActions.TwoFactorReset, await AuditActionsAsync(leadId));
    }

    [Fact]
    public async Task Passkeys_are_renamed_within_limits_and_only_by_their_owner()
    {
        var leadId = await CreateLeadAsync("lead.rename@befree.test", authenticator: true);
        var otherId = await CreateLeadAsync("lead.other@befree.test", authenticator: true);
        var passkeyId = await Factors.AddPasskeyAsync(leadId, NewPasskey());

        await Factors.RenamePasskeyAsync(leadId, passkeyId, "  Work laptop  ");
        await Assert.ThrowsAsync<StaffRuleException>(() => Factors.RenamePasskeyAsync(leadId, passkeyId, " "));
        await Assert.ThrowsAsync<StaffRuleException>(() => Factors.RenamePasskeyAsync(leadId, passkeyId, new string('x', 101)));
        // Someone else's passkey is not found for them, whatever they send.
        await Assert.ThrowsAsync<StaffRuleException>(() => Factors.RenamePasskeyAsync(otherId, passkeyId, "Mine now"));
        await Assert.ThrowsAsync<StaffRuleException>(() => Factors.RemovePasskeyAsync(otherId, passkeyId));
        await Assert.ThrowsAsync<StaffRuleException>(() => Factors.RemovePasskeyAsync(leadId, "not base64 at all!"));

        Assert.Equal("Work laptop", Assert.Single(await Factors.ListPasskeysAsync(leadId)).Name);
        Assert.Contains(AuditActions.PasskeyRenamed, await AuditActionsAsync(leadId));
    }

    [Fact]
    public async Task An_admin_reset_of_two_factor_removes_passkeys_too()
    {
        var leadId = await CreateLeadAsync("lead.lost@befree.test", authenticator: true);
        await Factors.AddPasskeyAsync(leadId, NewPasskey());

        await _host.Staff.ResetTwoFactorAsync(_host.AdminId, leadId);

        Assert.Empty(await Factors.ListPasskeysAsync(leadId));
        await using var db = await _host.CreateDbContextAsync();
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => StaffAccess.RequireAsync(db, leadId, default));
    }

    [Fact]
    public async Task The_staff_list_shows_a_passkey_as_a_second_factor()
    {
        var appOnly = await CreateLeadAsync("lead.app@befree.test", authenticator: true);
        var passkeyOnly = await CreateLeadAsync("lead.key@befree.test", authenticator: false);
        var both = await CreateLeadAsync("lead.both@befree.test", authenticator: true);
        await Factors.AddPasskeyAsync(passkeyOnly, NewPasskey());
        await Factors.AddPasskeyAsync(both, NewPasskey());

        var list = (await _host.Staff.ListAsync(_host.AdminId)).ToDictionary(s => s.Id, s => s.SecondFactors);

        Assert.Equal(("App", "Passkey", "App and passkey"), (list[appOnly], list[passkeyOnly], list[both]));
        Assert.Equal("Passkey", (await _host.Staff.GetAsync(_host.AdminId, passkeyOnly))!.SecondFactors);
    }
}
