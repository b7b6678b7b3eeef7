using BeFree.Core.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Core.Staff;

/// <summary>The workstation language is kept with the account, like the other preferences.</summary>
public sealed class WorkstationLanguagePreferenceTests : IAsyncLifetime
{
    private StaffTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StaffTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private StaffPreferencesService Preferences => _host.Services.GetRequiredService<StaffPreferencesService>();

    [Fact]
    public async Task A_chosen_language_is_saved_with_the_account_and_read_back_with_the_other_settings()
    {
        var advocateId = await _host.CreateReadyStaffAsync("advocate@befree.test", StaffRoles.Advocate);
        Assert.Equal(WorkstationLanguage.English, (await Preferences.GetAsync(advocateId)).Language);

        var chosen = new StaffPreferences { Language = WorkstationLanguage.Spanish, ColorScheme = ColorScheme.Dark };
        Assert.True(await Preferences.SaveAsync(advocateId, chosen));

        var read = await Preferences.GetAsync(advocateId);
        Assert.Equal(WorkstationLanguage.Spanish, read.Language);
        Assert.Equal(chosen, read);
        var stored = (await _host.FindByIdAsync(advocateId)).Preferences;
        Assert.Contains("\"Language\":\"Spanish\"", stored); // By name: the enum may grow without renumbering.
    }

    [Fact]
    public void Settings_stored_before_the_language_existed_read_as_English()
        => Assert.Equal(WorkstationLanguage.English, StaffPreferences.FromStored("""{"ColorScheme":"Dark","ChimeOn":false}""").Language);
}
