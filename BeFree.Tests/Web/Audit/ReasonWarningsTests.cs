using BeFree.Web.Components.Shared;
using Bunit;

namespace BeFree.Tests.Web.Audit;

/// <summary>The warnings under a reason field, as staff type.</summary>
public sealed class ReasonWarningsTests : BunitContext
{
    [Fact]
    public void Shows_a_warning_for_each_name_or_address_and_nothing_for_an_ordinary_reason()
    {
        var warnings = Render<ReasonWarnings>(p => p.Add(x => x.Text, "moved in with Maria Lopez at 1423 Elm Street"));

        var items = warnings.FindAll("[data-testid=reason-warnings] li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => i.StartsWith("“1423 Elm Street” looks like a street address", StringComparison.Ordinal));
        Assert.Contains(items, i => i.StartsWith("“Maria Lopez” looks like a person's name", StringComparison.Ordinal));

        warnings.Render(p => p.Add(x => x.Text, "texter in danger, stepping in"));

        Assert.Empty(warnings.FindAll("[data-testid=reason-warnings]"));
    }
}
