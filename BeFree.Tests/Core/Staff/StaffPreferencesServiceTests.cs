using BeFree.Core.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Core.Staff;

public sealed class StaffPreferencesServiceTests : IAsyncLifetime
{
    private StaffTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StaffTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private StaffPreferencesService Preferences => _host.Services.GetRequiredService<StaffPreferencesService>();

    [Fact]
    public async Task A_new_account_follows_the_system_scheme_with_the_chime_on_and_enter_sending()
    {
        var advocateId = await _host.CreateReadyStaffAsync("advocate@befree.test", StaffRoles.Advocate);

        var preferences = await Preferences.GetAsync(advocateId);

        Assert.Equal(ColorScheme.System, preferences.ColorScheme);
        Assert.True(preferences.ChimeOn);
        Assert.False(preferences.BrowserNotificationsOn);
        Assert.True(preferences.EnterSends);
    }

    [Fact]
    public async Task Saved_settings_are_read_back_for_that_person_only()
    {
        var advocateId = await _host.CreateReadyStaffAsync("advocate@befree.test", StaffRoles.Advocate);
        var otherId = await _host.CreateReadyStaffAsync("other@befree.test", StaffRoles.Advocate);
        var chosen = new StaffPreferences { ColorScheme = ColorScheme.Dark, ChimeOn = false, BrowserNotificationsOn = true, EnterSends = false };

        Assert.True(await Preferences.SaveAsync(advocateId, chosen));

        Assert.Equal(chosen, await Preferences.GetAsync(advocateId));
        Assert.Equal(StaffPreferences.Default, await Preferences.GetAsync(otherId));
    }

    [Fact]
    public async Task Saving_leaves_the_sign_in_stamps_alone()
    {
        var advocateId = await _host.CreateReadyStaffAsync("advocate@befree.test", StaffRoles.Advocate);
        var before = await _host.FindByIdAsync(advocateId);

        await Preferences.SaveAsync(advocateId, new StaffPreferences { ColorScheme = ColorScheme.Light });

        var after = await _host.FindByIdAsync(advocateId);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(ColorScheme.Light, StaffPreferences.FromStored(after.Preferences).ColorScheme);
    }

    [Fact]
    public async Task An_unknown_account_gets_the_defaults_and_saves_nothing()
    {
        Assert.Equal(StaffPreferences.Default, await Preferences.GetAsync("no-such-id"));
        Assert.Equal(StaffPreferences.Default, await Preferences.GetAsync(""));
        Assert.False(await Preferences.SaveAsync("no-such-id", new StaffPreferences { ChimeOn = false }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Nothing_or_something_unreadable_stored_gives_the_defaults(string? stored)
        => Assert.Equal(StaffPreferences.Default, StaffPreferences.FromStored(stored));

    [Fact]
    public void The_stored_form_round_trips_and_keeps_defaults_for_settings_it_does_not_mention()
    {
        var chosen = new StaffPreferences { ColorScheme = ColorScheme.Dark, EnterSends = false };
        Assert.Equal(chosen, StaffPreferences.FromStored(chosen.ToStored()));
        Assert.Equal(new StaffPreferences { ColorScheme = ColorScheme.Dark }, StaffPreferences.FromStored("""{"ColorScheme":"Dark"}"""));
    }
}
