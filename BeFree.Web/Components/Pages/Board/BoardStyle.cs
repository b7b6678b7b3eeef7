using BeFree.Core.Risk;
using MudBlazor;

namespace BeFree.Web.Components.Pages.Board;

/// <summary>The board's colours: theme colours only, which pass contrast in both palettes; words always say the same.</summary>
internal static class BoardStyle
{
    public static Color RiskColor(RiskLevel risk) => risk switch
    {
        RiskLevel.Imminent => Color.Error,
        RiskLevel.High => Color.Warning,
        RiskLevel.Moderate => Color.Info,
        _ => Color.Default,
    };
}
