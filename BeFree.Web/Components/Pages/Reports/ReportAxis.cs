using BeFree.Core.Reports;

namespace BeFree.Web.Components.Pages.Reports;

/// <summary>Report charts count things: their value axis steps by whole numbers, never 0.5.</summary>
public static class ReportAxis
{
    /// <summary>A whole step of 1, 2 or 5 times a power of ten giving at most about five ticks up to the largest count.</summary>
    public static int WholeStep(IEnumerable<LabelCount> items)
    {
        var max = items.Select(i => i.Count).DefaultIfEmpty(0).Max();
        var step = 1;
        while (max / step > 5)
        {
            step = (step.ToString(System.Globalization.CultureInfo.InvariantCulture)[0]) switch
            {
                '1' => step * 2,
                '2' => step / 2 * 5,
                _ => step * 2,
            };
        }
        return step;
    }
}
