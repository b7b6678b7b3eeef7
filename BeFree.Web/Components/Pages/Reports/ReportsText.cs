namespace BeFree.Web.Components.Pages.Reports;

/// <summary>The reports page's words: ReportsText.resx (English) and ReportsText.es.resx (Spanish), through <c>IStringLocalizer&lt;ReportsText&gt;</c>.</summary>
public sealed class ReportsText;
