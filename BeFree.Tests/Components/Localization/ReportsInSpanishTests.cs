using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Reports;
using Bunit;

namespace BeFree.Tests.Components.Localization;

/// <summary>The reports page's parts for a lead who chose Spanish.</summary>
public sealed class ReportsInSpanishTests : MudComponentTests
{
    [Fact]
    public void The_report_filter_and_an_empty_chart_read_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var filter = Render<ReportFilter>(p => p.Add(x => x.Initial, new ReportRange(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 15), false)));
        var chart = Render<CountChart>(p => p.Add(x => x.Title, "x").Add(x => x.TestId, "chart").Add(x => x.Items, []));

        Assert.Equal(["Primer día", "Último día"], filter.FindAll("label.mud-typography-caption").Select(l => l.TextContent).ToArray());
        Assert.Equal("Ver informe", filter.Find("[data-testid=report-apply]").TextContent.Trim());
        Assert.Contains("Incluir capacitación", filter.Markup);
        Assert.Equal("Período del informe", filter.Find("[data-testid=report-filter]").GetAttribute("aria-label"));
        Assert.Equal("Ninguno en este período.", chart.Find("[data-testid=chart-empty]").TextContent);
        Assert.Equal("Cifras", chart.Find("summary").TextContent);
    }
}
