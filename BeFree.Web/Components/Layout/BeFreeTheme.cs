using MudBlazor;

namespace BeFree.Web.Components.Layout;

/// <summary>
/// The workstation's one look. Colours are chosen for WCAG AA contrast (4.5:1 for text) against the
/// surfaces they sit on, in both palettes: night shifts work in the dark one. Buttons keep the case
/// they are written in, and every component uses the same dense spacing.
/// </summary>
public static class BeFreeTheme
{
    private static readonly string[] SystemFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",            // 8.9:1 on white
            PrimaryContrastText = "#ffffff",
            Secondary = "#5a3e85",          // 8.4:1 on white
            Tertiary = "#00695c",
            Info = "#0b5cad",               // 6.4:1 on white
            Success = "#1e6b30",            // 6.6:1 on white
            Warning = "#8a5300",            // 5.6:1 on white
            Error = "#a4262c",              // 7.0:1 on white
            Dark = "#1d2733",
            AppbarBackground = "#1f4e79",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1d2733",
            DrawerIcon = "#3d4a57",
            TextPrimary = "#1d2733",        // 14.6:1 on white
            TextSecondary = "#4a5561",      // 7.6:1 on white
            ActionDefault = "#3d4a57",
            LinesDefault = "#dde3ea",
            // Field outlines are what shows a field is there: 3:1 against the surface (WCAG 1.4.11).
            LinesInputs = "#7a8591",        // 3.8:1 on white
            TableLines = "#e5e9ee",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8cc4ff",            // 9.6:1 on the dark surface
            PrimaryContrastText = "#0d1b2a",
            Secondary = "#c9a7ff",
            Tertiary = "#6fd6c4",
            Info = "#7fbfff",
            Success = "#7ad18f",
            Warning = "#ffc266",
            Error = "#ff8a8f",              // 6.7:1 on the dark surface
            // Light colours as backgrounds (chips, badges) need dark text in the dark palette.
            ErrorContrastText = "#2b0a0c",
            WarningContrastText = "#2b1a00",
            InfoContrastText = "#0d1b2a",
            SuccessContrastText = "#0b2412",
            SecondaryContrastText = "#1d0d33",
            TertiaryContrastText = "#0b2420",
            DarkContrastText = "#e8edf2",
            AppbarBackground = "#16202b",
            AppbarText = "#e8edf2",
            Background = "#0f151c",
            Surface = "#1a232d",
            DrawerBackground = "#16202b",
            DrawerText = "#e8edf2",
            DrawerIcon = "#b8c4d0",
            TextPrimary = "#e8edf2",        // 13.9:1 on the surface
            TextSecondary = "#b8c4d0",      // 8.9:1 on the surface
            ActionDefault = "#c5d0db",
            LinesDefault = "#33404d",
            LinesInputs = "#7d8a98",        // 4.5:1 on the surface
            TableLines = "#2a3642",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
            Button = new ButtonTypography { FontFamily = SystemFonts, TextTransform = "none", FontWeight = "600" },
            H1 = new H1Typography { FontFamily = SystemFonts, FontSize = "1.6rem", FontWeight = "600", LineHeight = "1.3" },
            H2 = new H2Typography { FontFamily = SystemFonts, FontSize = "1.3rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = SystemFonts, FontSize = "1.1rem", FontWeight = "600", LineHeight = "1.3" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
            DrawerWidthLeft = "230px",
            AppbarHeight = "56px",
        },
    };
}
