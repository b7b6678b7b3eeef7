using BeFree.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BeFree.Web.Components.Layout;

public partial class WorkstationTheme
{
    /// <summary>The cookie befree.js writes with the system's setting ("dark" or "light").</summary>
    public const string SystemSchemeCookie = "befree-system-scheme";

    [Parameter] public string StaffId { get; set; } = "";
    [Inject] public required WorkstationPreferences Preferences { get; set; }
    [Inject] public required IHttpContextAccessor HttpContextAccessor { get; set; }

    /// <summary>
    /// Whether the system was dark when the page was requested, read from the cookie while prerendering and carried
    /// into the live circuit, so the first paint is already in the right colours.
    /// </summary>
    [PersistentState] public bool? SystemDarkAtRequest { get; set; }

    private MudThemeProvider? _provider;
    private bool _systemDark;
    private bool _isDark;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive && HttpContextAccessor.HttpContext is { } http)
        {
            SystemDarkAtRequest = http.Request.Cookies[SystemSchemeCookie] == "dark";
        }
        _systemDark = SystemDarkAtRequest ?? false;
        await Preferences.LoadAsync(StaffId);
        Preferences.Changed += OnPreferencesChanged;
        _isDark = IsDark();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && _provider is not null)
        {
            _systemDark = await _provider.GetSystemDarkModeAsync();
            await _provider.WatchSystemDarkModeAsync(OnSystemChangedAsync);
            Show();
        }
    }

    private bool IsDark() => Preferences.Current.ColorScheme switch
    {
        BeFree.Core.Staff.ColorScheme.Dark => true,
        BeFree.Core.Staff.ColorScheme.Light => false,
        _ => _systemDark,
    };

    private void Show()
    {
        var dark = IsDark();
        if (dark != _isDark)
        {
            _isDark = dark;
            StateHasChanged();
        }
    }

    private Task OnSystemChangedAsync(bool dark) => InvokeAsync(() =>
    {
        _systemDark = dark;
        Show();
    });

    private void OnPreferencesChanged() => _ = InvokeAsync(Show);

    public void Dispose() => Preferences.Changed -= OnPreferencesChanged;
}
