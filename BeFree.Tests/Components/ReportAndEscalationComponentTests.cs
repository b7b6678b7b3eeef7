using System.Globalization;
using BeFree.Core.Escalations;
using BeFree.Core.Reports;
using BeFree.Web.Components.Pages.Escalations;
using BeFree.Web.Components.Pages.Reports;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BeFree.Tests.Components;

/// <summary>The MudBlazor report pieces and the escalation status chip, rendered on their own.</summary>
public sealed class ReportAndEscalationComponentTests : BunitContext, IAsyncLifetime
{
    public ReportAndEscalationComponentTests()
    {
        Services.AddMudServices();
        Services.AddLocalization(); // The escalation and report components read their words through IStringLocalizer, as in the app.
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Theory]
    [InlineData(new[] { 0, 1, 3 }, 1)]
    [InlineData(new[] { 12, 4 }, 5)]
    [InlineData(new[] { 40 }, 10)]
    [InlineData(new[] { 240, 7 }, 50)]
    public void The_count_axis_steps_by_whole_numbers(int[] counts, int step)
        => Assert.Equal(step, ReportAxis.WholeStep(counts.Select((c, i) => new LabelCount($"L{i}", c))));

    [Fact]
    public void A_count_chart_labels_its_axis_with_whole_numbers_and_lists_the_numbers()
    {
        var items = new[] { new LabelCount("00", 1), new LabelCount("01", 3), new LabelCount("02", 2) };
        var chart = Render<CountChart>(p => p.Add(x => x.Title, "By hour").Add(x => x.TestId, "chart-per-hour").Add(x => x.Items, items));

        Assert.NotNull(chart.Find("[data-testid=chart-per-hour] svg"));
        var numbers = chart.FindAll("svg text").Select(t => t.TextContent.Trim())
            .Where(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.DoesNotContain(".", n));
        Assert.Equal(["00", "1", "01", "3", "02", "2"], chart.FindAll("[data-testid=chart-per-hour-table] th, [data-testid=chart-per-hour-table] td").Select(c => c.TextContent));
    }

    [Fact]
    public void An_empty_range_says_so_instead_of_drawing()
    {
        var chart = Render<ShareChart>(p => p.Add(x => x.Title, "Risk").Add(x => x.TestId, "chart-risk").Add(x => x.Items, [new LabelCount("High", 0)]));

        Assert.Equal("None in this range.", chart.Find("[data-testid=chart-risk-empty]").TextContent);
        Assert.Empty(chart.FindAll("svg"));
    }

    [Fact]
    public async Task The_filter_refuses_a_backwards_range_and_passes_the_training_switch_on()
    {
        var applied = new List<ReportRange>();
        var filter = Render<ReportFilter>(p => p.Add(x => x.Initial, new ReportRange(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31), false))
            .Add(x => x.OnApply, (ReportRange r) => applied.Add(r)));

        await filter.Find("[data-testid=report-to]").ChangeAsync(new ChangeEventArgs { Value = "2026-06-30" });
        await filter.Find("form").SubmitAsync();
        Assert.Contains("must not be before", filter.Find("[data-testid=report-filter-error]").TextContent);
        Assert.Empty(applied);

        await filter.Find("[data-testid=report-to]").ChangeAsync(new ChangeEventArgs { Value = "2026-07-10" });
        await filter.Find("input[data-testid=report-training]").ChangeAsync(new ChangeEventArgs { Value = true });
        await filter.Find("form").SubmitAsync();
        Assert.Equal([new ReportRange(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 10), true)], applied);
        Assert.Empty(filter.FindAll("[data-testid=report-filter-error]"));
    }

    [Theory]
    [InlineData(EscalationStatus.PendingApproval, "Awaiting approval")]
    [InlineData(EscalationStatus.Acknowledged, "Acknowledged")]
    public void The_status_chip_reads_the_human_label(EscalationStatus status, string label)
    {
        var chip = Render<EscalationStatusBadge>(p => p.Add(x => x.Status, status));

        Assert.Equal(label, chip.Find("[data-testid=escalation-status]").TextContent.Trim());
    }
}
