using Microsoft.Extensions.Localization;
using MudBlazor;

namespace BeFree.Web.Localization;

/// <summary>
/// MudBlazor's own words (pager, close buttons, data grid filters) in the person's language. MudBlazor keeps its
/// English for English readers and asks this for any other language; a key missing here falls back to its English.
/// </summary>
public sealed class WorkstationMudLocalizer(IStringLocalizer<MudBlazorText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    public override LocalizedString this[string key, params object[] arguments] => text[key, arguments];
}

/// <summary>MudBlazorText.resx / MudBlazorText.es.resx: translations keyed by MudBlazor's own resource names.</summary>
public sealed class MudBlazorText;
