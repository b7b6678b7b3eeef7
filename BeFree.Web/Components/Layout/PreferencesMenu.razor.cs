using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using ColorScheme = BeFree.Core.Staff.ColorScheme;

namespace BeFree.Web.Components.Layout;

public sealed partial class PreferencesMenu : IDisposable
{
    [Parameter] public string StaffId { get; set; } = "";
    [Inject] public required WorkstationPreferences Preferences { get; set; }
    [Inject] public required IJSRuntime JS { get; set; }
    [Inject] public required NavigationManager Navigation { get; set; }

    private string ToggleLabel => Preferences.Current.ColorScheme == ColorScheme.Dark ? L["SwitchToLight"] : L["SwitchToDark"];

    private static string Check(bool on) => on ? Icons.Material.Filled.CheckBox : Icons.Material.Filled.CheckBoxOutlineBlank;

    protected override async Task OnInitializedAsync()
    {
        await Preferences.LoadAsync(StaffId);
        Preferences.Changed += OnPreferencesChanged;
    }

    private Task ToggleDarkAsync()
        => SetAsync(p => p with { ColorScheme = p.ColorScheme == ColorScheme.Dark ? ColorScheme.Light : ColorScheme.Dark });

    private async Task ToggleNotificationsAsync()
    {
        var on = !Preferences.Current.BrowserNotificationsOn;
        if (on)
        {
            // The browser asks the person once; refused, the setting stays off.
            on = await JS.InvokeAsync<bool>("befree.requestNotifications");
        }
        await SetAsync(p => p with { BrowserNotificationsOn = on });
    }

    /// <summary>
    /// Saved with the account, then the page reloads: a circuit keeps the culture it started with, and the new
    /// request reads the new language (StaffLanguageCultureProvider). Anything typed and not sent is lost, as on any reload.
    /// </summary>
    private async Task SetLanguageAsync(WorkstationLanguage language)
    {
        if (language == Preferences.Current.Language)
        {
            return;
        }
        await SetAsync(p => p with { Language = language });
        Navigation.Refresh(forceReload: true);
    }

    private Task SetAsync(Func<StaffPreferences, StaffPreferences> change) => Preferences.UpdateAsync(change);

    private void OnPreferencesChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => Preferences.Changed -= OnPreferencesChanged;
}
