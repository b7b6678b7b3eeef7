using System.Text.RegularExpressions;
using BeFree.Core.Audit;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Staff;

public sealed class StaffAdministrationTests : IAsyncLifetime
{
    private StaffTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StaffTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private StaffAdministration Staff => _host.Staff;

    private string AdminId => _host.AdminId;

    [Fact]
    public async Task A_non_admin_is_refused_every_operation_and_nothing_changes()
    {
        var advocateId = await _host.CreateReadyStaffAsync("advocate@befree.test", StaffRoles.Advocate);
        var leadId = await _host.CreateReadyStaffAsync("lead@befree.test", StaffRoles.ShiftLead);
        var stampBefore = (await _host.FindByIdAsync(advocateId)).SecurityStamp;

        foreach (var actorId in new[] { advocateId, leadId })
        {
            var refusals = new Func<Task>[]
            {
                () => Staff.ListAsync(actorId),
                () => Staff.GetAsync(actorId, advocateId),
                () => Staff.CreateAsync(actorId, new NewStaff("sneaky@befree.test", "Sneaky", [StaffRoles.Admin])),
                () => Staff.UpdateAsync(actorId, actorId, new StaffChanges("Me", [StaffRoles.Admin], 5)),
                () => Staff.SetActiveAsync(actorId, AdminId, false),
                () => Staff.ResetPasswordAsync(actorId, AdminId),
                () => Staff.ResetTwoFactorAsync(actorId, AdminId),
                () => _host.Audit.QueryAsync(actorId, new AuditQuery()),
            };
            foreach (var refused in refusals)
            {
                var error = await Assert.ThrowsAsync<StaffAuthorizationException>(refused);
                Assert.Contains("Admin role", error.Message);
            }
        }

        await using var db = await _host.CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "sneaky@befree.test"));
        Assert.True((await _host.FindByIdAsync(AdminId)).IsActive);
        Assert.Equal(stampBefore, (await _host.FindByIdAsync(advocateId)).SecurityStamp);
        var advocate = await Staff.GetAsync(AdminId, advocateId);
        Assert.Equal([StaffRoles.Advocate], advocate!.Roles);
    }

    [Fact]
    public async Task Unknown_or_missing_actors_are_refused()
    {
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Staff.ListAsync(""));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Staff.ListAsync("no-such-id"));
        await Assert.ThrowsAsync<StaffAuthorizationException>(
            () => Staff.CreateAsync("no-such-id", new NewStaff("x@befree.test", "X", [StaffRoles.Advocate])));
    }

    [Fact]
    public async Task A_disabled_admin_is_refused()
    {
        var secondAdminId = await _host.CreateReadyStaffAsync("second.admin@befree.test", StaffRoles.Admin);
        Assert.NotEmpty(await Staff.ListAsync(secondAdminId));

        await Staff.SetActiveAsync(AdminId, secondAdminId, active: false);

        var error = await Assert.ThrowsAsync<StaffAuthorizationException>(() => Staff.ListAsync(secondAdminId));
        Assert.Contains("disabled", error.Message);
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Staff.SetActiveAsync(secondAdminId, AdminId, false));
        Assert.True((await _host.FindByIdAsync(AdminId)).IsActive);
    }

    [Fact]
    public async Task An_admin_with_a_pending_step_is_refused_until_it_is_done()
    {
        // Created by an Admin: temporary password and no authenticator yet.
        var created = await Staff.CreateAsync(AdminId, new NewStaff("new.admin@befree.test", "New Admin", [StaffRoles.Admin]));
        var error = await Assert.ThrowsAsync<StaffAuthorizationException>(() => Staff.ListAsync(created.StaffId));
        Assert.Contains("temporary password", error.Message);

        await _host.WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(created.StaffId))!;
            user.MustChangePassword = false;
            return await users.UpdateAsync(user);
        });
        error = await Assert.ThrowsAsync<StaffAuthorizationException>(() => Staff.ListAsync(created.StaffId));
        Assert.Contains("two-factor", error.Message);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_disabled_or_demoted()
    {
        var disable = await Assert.ThrowsAsync<StaffRuleException>(() => Staff.SetActiveAsync(AdminId, AdminId, false));
        Assert.Contains("last active Admin", disable.Message);
        var demote = await Assert.ThrowsAsync<StaffRuleException>(
            () => Staff.UpdateAsync(AdminId, AdminId, new StaffChanges(StaffTestHost.AdminName, [StaffRoles.ShiftLead], 3)));
        Assert.Contains("last active Admin", demote.Message);

        var admin = await Staff.GetAsync(AdminId, AdminId);
        Assert.True(admin!.IsActive);
        Assert.Equal([StaffRoles.Admin], admin.Roles);
    }

    [Fact]
    public async Task A_disabled_admin_does_not_count_as_another_active_admin()
    {
        var otherAdminId = await _host.CreateReadyStaffAsync("other.admin@befree.test", StaffRoles.Admin);
        await Staff.SetActiveAsync(AdminId, otherAdminId, false);

        await Assert.ThrowsAsync<StaffRuleException>(
            () => Staff.UpdateAsync(AdminId, AdminId, new StaffChanges(StaffTestHost.AdminName, [StaffRoles.Advocate], 3)));
        Assert.Equal([StaffRoles.Admin], (await Staff.GetAsync(AdminId, AdminId))!.Roles);
    }

    [Fact]
    public async Task Another_active_admin_can_be_disabled_and_demoted()
    {
        var otherAdminId = await _host.CreateReadyStaffAsync("other.admin@befree.test", StaffRoles.Admin);

        await Staff.UpdateAsync(AdminId, otherAdminId, new StaffChanges("Other", [StaffRoles.ShiftLead, StaffRoles.Advocate], 4));
        Assert.Equal([StaffRoles.Advocate, StaffRoles.ShiftLead], (await Staff.GetAsync(AdminId, otherAdminId))!.Roles);

        await Staff.UpdateAsync(AdminId, otherAdminId, new StaffChanges("Other", [StaffRoles.Admin], 4));
        await Staff.SetActiveAsync(AdminId, otherAdminId, false);
        Assert.False((await Staff.GetAsync(AdminId, otherAdminId))!.IsActive);
    }

    [Fact]
    public async Task An_admin_may_step_down_while_another_active_admin_remains_but_not_disable_themselves()
    {
        await _host.CreateReadyStaffAsync("other.admin@befree.test", StaffRoles.Admin);

        var selfDisable = await Assert.ThrowsAsync<StaffRuleException>(() => Staff.SetActiveAsync(AdminId, AdminId, false));
        Assert.Contains("your own account", selfDisable.Message);

        await Staff.UpdateAsync(AdminId, AdminId, new StaffChanges(StaffTestHost.AdminName, [StaffRoles.Advocate], 3));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Staff.ListAsync(AdminId));
    }

    [Fact]
    public async Task Create_returns_a_working_temporary_password_that_must_be_changed()
    {
        var created = await Staff.CreateAsync(AdminId,
            new NewStaff("  Casey.Lee@befree.test ", " Casey Lee ", [StaffRoles.Advocate, StaffRoles.ShiftLead], 7));

        var user = await _host.FindByIdAsync(created.StaffId);
        Assert.Equal("Casey.Lee@befree.test", user.Email);
        Assert.Equal("Casey Lee", user.DisplayName);
        Assert.Equal(7, user.MaxConcurrentConversations);
        Assert.True(user.MustChangePassword);
        Assert.True(user.IsActive);
        Assert.False(user.TwoFactorEnabled);
        Assert.True(await _host.WithUsersAsync(users => users.CheckPasswordAsync(user, created.Password)));
        Assert.False(await _host.WithUsersAsync(users => users.CheckPasswordAsync(user, created.Password + "x")));
        Assert.True(created.Password.Length >= StaffPasswordValidator.MinimumLength);

        var summary = await Staff.GetAsync(AdminId, created.StaffId);
        Assert.Equal([StaffRoles.Advocate, StaffRoles.ShiftLead], summary!.Roles);
        Assert.True(summary.MustChangePassword);
    }

    [Fact]
    public void Temporary_passwords_differ_every_time()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => StaffAdministration.GenerateTemporaryPassword()).ToHashSet();
        Assert.Equal(50, passwords.Count);
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_whatever_its_case()
    {
        await Staff.CreateAsync(AdminId, new NewStaff("dup@befree.test", "First", [StaffRoles.Advocate]));

        var error = await Assert.ThrowsAsync<StaffRuleException>(
            () => Staff.CreateAsync(AdminId, new NewStaff("DUP@befree.test", "Second", [StaffRoles.Advocate])));
        Assert.Contains("already exists", error.Message);
        await using var db = await _host.CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == "DUP@BEFREE.TEST"));
    }

    [Fact]
    public async Task Two_creates_at_once_for_one_email_make_one_account()
    {
        var request = new NewStaff("double.click@befree.test", "Double Click", [StaffRoles.Advocate]);
        var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Staff.CreateAsync(AdminId, request))).ToList();
        try { await Task.WhenAll(attempts); } catch (StaffRuleException) { }

        Assert.Equal(1, attempts.Count(a => a.IsCompletedSuccessfully));
        Assert.All(attempts.Where(a => !a.IsCompletedSuccessfully), a => Assert.IsType<StaffRuleException>(a.Exception!.InnerException));
        await using var db = await _host.CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == request.Email));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.StaffCreated));
    }

    [Theory]
    [InlineData("not-an-email", "Name", StaffRoles.Advocate, 3, "email")]
    [InlineData("", "Name", StaffRoles.Advocate, 3, "email")]
    [InlineData("a@befree.test", "  ", StaffRoles.Advocate, 3, "display name")]
    [InlineData("a@befree.test", "Name", "", 3, "at least one role")]
    [InlineData("a@befree.test", "Name", "Supervisor", 3, "Unknown role")]
    [InlineData("a@befree.test", "Name", StaffRoles.Advocate, 0, "between 1 and 20")]
    [InlineData("a@befree.test", "Name", StaffRoles.Advocate, 21, "between 1 and 20")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_creates_nothing(string email, string name, string role, int capacity, string expected)
    {
        string[] roles = role.Length == 0 ? [] : [role];
        var error = await Assert.ThrowsAsync<StaffRuleException>(() => Staff.CreateAsync(AdminId, new NewStaff(email, name, roles, capacity)));
        Assert.Contains(expected, error.Message);
        await using var db = await _host.CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.StaffCreated));
    }

    [Fact]
    public async Task Update_changes_name_roles_and_capacity_and_ends_sessions_only_when_roles_change()
    {
        var id = await _host.CreateReadyStaffAsync("edit.me@befree.test", StaffRoles.Advocate);
        var stamp = (await _host.FindByIdAsync(id)).SecurityStamp;

        await Staff.UpdateAsync(AdminId, id, new StaffChanges("Renamed", [StaffRoles.Advocate], 9));
        var renamed = await _host.FindByIdAsync(id);
        Assert.Equal(("Renamed", 9), (renamed.DisplayName, renamed.MaxConcurrentConversations));
        Assert.Equal(stamp, renamed.SecurityStamp);

        await Staff.UpdateAsync(AdminId, id, new StaffChanges("Renamed", [StaffRoles.Advocate, StaffRoles.ShiftLead], 9));
        Assert.NotEqual(stamp, (await _host.FindByIdAsync(id)).SecurityStamp);
        Assert.Equal([StaffRoles.Advocate, StaffRoles.ShiftLead], (await Staff.GetAsync(AdminId, id))!.Roles);

        await Assert.ThrowsAsync<StaffRuleException>(() => Staff.UpdateAsync(AdminId, "no-such-id", new StaffChanges("X", [StaffRoles.Advocate], 3)));
        await Assert.ThrowsAsync<StaffRuleException>(() => Staff.UpdateAsync(AdminId, id, new StaffChanges("X", [StaffRoles.Advocate], 25)));
        Assert.Equal(9, (await _host.FindByIdAsync(id)).MaxConcurrentConversations);
    }

    [Fact]
    public async Task Disable_ends_sessions_and_enable_restores_the_account()
    {
        var id = await _host.CreateReadyStaffAsync("leaver@befree.test", StaffRoles.Advocate);
        var stamp = (await _host.FindByIdAsync(id)).SecurityStamp;

        await Staff.SetActiveAsync(AdminId, id, false);
        var disabled = await _host.FindByIdAsync(id);
        Assert.False(disabled.IsActive);
        Assert.NotEqual(stamp, disabled.SecurityStamp);

        // A second click on the same button changes nothing and writes no second entry.
        await Staff.SetActiveAsync(AdminId, id, false);
        Assert.Equal(disabled.SecurityStamp, (await _host.FindByIdAsync(id)).SecurityStamp);

        await Staff.SetActiveAsync(AdminId, id, true);
        Assert.True((await _host.FindByIdAsync(id)).IsActive);

        await using var db = await _host.CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.StaffDisabled && e.SubjectId == id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.StaffEnabled && e.SubjectId == id));
    }

    [Fact]
    public async Task Reset_password_replaces_the_old_one_clears_lockout_and_requires_a_change()
    {
        var id = await _host.CreateReadyStaffAsync("forgetful@befree.test", StaffRoles.Advocate);
        const string ownPassword = "seven-orange-kites-drift";
        await _host.WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(id))!;
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, ownPassword);
            return await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(10));
        });
        var stamp = (await _host.FindByIdAsync(id)).SecurityStamp;

        var reset = await Staff.ResetPasswordAsync(AdminId, id);

        var user = await _host.FindByIdAsync(id);
        Assert.Equal(id, reset.StaffId);
        Assert.True(user.MustChangePassword);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Null(user.LockoutEnd);
        Assert.True(await _host.WithUsersAsync(users => users.CheckPasswordAsync(user, reset.Password)));
        Assert.False(await _host.WithUsersAsync(users => users.CheckPasswordAsync(user, ownPassword)));
    }

    [Fact]
    public async Task Reset_two_factor_turns_it_off_and_removes_key_and_recovery_codes()
    {
        var id = await _host.CreateReadyStaffAsync("lost.phone@befree.test", StaffRoles.ShiftLead);
        var oldKey = await _host.WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            Assert.Equal(10, await users.CountRecoveryCodesAsync(user));
            return await users.GetAuthenticatorKeyAsync(user);
        });
        var stamp = (await _host.FindByIdAsync(id)).SecurityStamp;

        await Staff.ResetTwoFactorAsync(AdminId, id);

        var user = await _host.FindByIdAsync(id);
        Assert.False(user.TwoFactorEnabled);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal(0, await _host.WithUsersAsync(users => users.CountRecoveryCodesAsync(user)));
        Assert.NotEqual(oldKey, await _host.WithUsersAsync(users => users.GetAuthenticatorKeyAsync(user)));
        // A shift lead without an authenticator must enrol again before doing anything.
        Assert.True(TwoFactorPolicy.MustEnrol(user, [StaffRoles.ShiftLead], hasPasskey: false));
    }

    [Fact]
    public async Task Every_change_is_audited_by_id_without_emails_or_phone_numbers()
    {
        const string email = "audited.person@befree.test";
        var created = await Staff.CreateAsync(AdminId, new NewStaff(email, "Audited Person", [StaffRoles.Advocate], 4));
        var id = created.StaffId;
        await Staff.UpdateAsync(AdminId, id, new StaffChanges("Audited Person", [StaffRoles.Advocate, StaffRoles.ShiftLead], 6));
        await Staff.SetActiveAsync(AdminId, id, false);
        await Staff.SetActiveAsync(AdminId, id, true);
        await Staff.ResetPasswordAsync(AdminId, id);
        await Staff.ResetTwoFactorAsync(AdminId, id);

        var page = await _host.Audit.QueryAsync(AdminId, new AuditQuery(SubjectId: id));
        Assert.Equal(
            [AuditActions.StaffTwoFactorReset, AuditActions.StaffPasswordReset, AuditActions.StaffEnabled,
             AuditActions.StaffDisabled, AuditActions.StaffUpdated, AuditActions.StaffCreated],
            page.Entries.Select(e => e.Action));
        Assert.All(page.Entries, entry =>
        {
            Assert.Equal(AdminId, entry.ActorId);
            Assert.Equal(StaffTestHost.AdminName, entry.ActorName);
            Assert.Equal("staff", entry.SubjectType);
            Assert.DoesNotContain("@", entry.Details ?? "");
            Assert.DoesNotContain(created.Password, entry.Details ?? "");
            Assert.DoesNotMatch(new Regex(@"\d{7,}"), entry.Details ?? "");
        });
        Assert.Equal("roles=Advocate; capacity=4", page.Entries.Single(e => e.Action == AuditActions.StaffCreated).Details);
        Assert.Equal("roles=Advocate+ShiftLead; capacity=6", page.Entries.Single(e => e.Action == AuditActions.StaffUpdated).Details);
    }

    [Fact]
    public async Task A_refused_change_writes_no_audit_entry()
    {
        await Assert.ThrowsAsync<StaffRuleException>(() => Staff.SetActiveAsync(AdminId, AdminId, false));
        await Assert.ThrowsAsync<StaffRuleException>(() => Staff.ResetPasswordAsync(AdminId, "no-such-id"));
        await using var db = await _host.CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action.StartsWith("staff.") && e.Action != AuditActions.FirstAdminCreated));
    }

    [Theory]
    [InlineData("short-pass1", false)] // 11 characters
    [InlineData("password1234", false)] // on the common list
    [InlineData("aaaaaaaaaaaaaaaa", false)] // one repeated character
    [InlineData("4321drowssap", false)] // a list entry reversed
    [InlineData("copper kettle winter parade", true)]
    [InlineData("twelve-chars", true)]
    public async Task Password_rules_follow_length_and_common_password_checks(string password, bool accepted)
    {
        var result = await ValidatePasswordAsync(password);
        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task Passwords_over_128_characters_are_refused_and_128_are_accepted()
    {
        var longest = string.Concat(Enumerable.Repeat("river-stone-", 11))[..128];
        Assert.True((await ValidatePasswordAsync(longest)).Succeeded);
        var tooLong = await ValidatePasswordAsync(longest + "x");
        Assert.Contains(tooLong.Errors, e => e.Code == "PasswordTooLong");
    }

    [Fact]
    public async Task A_password_containing_the_email_name_is_refused()
    {
        var result = await ValidatePasswordAsync("jordan.river-and-more", "jordan.river@befree.test");
        Assert.Contains(result.Errors, e => e.Code == "PasswordContainsEmail");
    }

    private Task<IdentityResult> ValidatePasswordAsync(string password, string email = "someone@befree.test")
        => _host.WithUsersAsync(async users =>
        {
            var user = new StaffUser { UserName = email, Email = email };
            var errors = new List<IdentityError>();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                errors.AddRange(result.Errors);
            }
            return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
        });
}
