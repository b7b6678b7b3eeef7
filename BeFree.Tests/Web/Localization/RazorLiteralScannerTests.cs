namespace BeFree.Tests.Web.Localization;

/// <summary>The untranslated-text check finds what a reader would see, and leaves code, keys and key caps alone.</summary>
public sealed class RazorLiteralScannerTests
{
    private static IReadOnlyList<UntranslatedText> Scan(string razor) => RazorLiteralScanner.Scan("Sample.razor", razor);

    [Theory]
    [InlineData("<h1>Queue</h1>", "Queue")]
    [InlineData("<p>\n    Nobody is waiting.\n</p>", "Nobody is waiting.")]
    [InlineData("<MudButton OnClick=\"Go\">@count new</MudButton>", "new")]
    [InlineData("<span title=\"Started from the simulator\">@L[\"Training\"]</span>", "title=\"Started from the simulator\"")]
    [InlineData("<MudIconButton aria-label=\"Keyboard shortcuts\" />", "aria-label=\"Keyboard shortcuts\"")]
    [InlineData("<MudTextField Label=\"Reply\" />", "Label=\"Reply\"")]
    [InlineData("<time title=\"@($\"Waiting since {Time.Format(w)}\")\">@x</time>", "title: $\"Waiting since {Time.Format(w)}\"")]
    [InlineData("<MudButton>@(busy ? \"Claiming…\" : L[\"Claim\"])</MudButton>", "\"Claiming…\"")]
    public void Literal_words_are_reported(string razor, string expected)
    {
        var found = Assert.Single(Scan(razor));
        Assert.Equal(expected, found.Text);
    }

    [Fact]
    public void The_report_gives_the_line()
    {
        var found = Assert.Single(Scan("@page \"/x\"\n<div>\n    <p>@L[\"Ok\"]</p>\n    <p>Not ok</p>\n</div>"));
        Assert.Equal(4, found.Line);
        Assert.Equal("Sample.razor:4: Not ok", found.ToString());
    }

    [Theory]
    [InlineData("<h1>@L[\"Heading\"]</h1>")]
    [InlineData("<MudChip>@L[\"WaitingCount\", items.Count]</MudChip>")]
    [InlineData("<MudButton>@(busy ? L[\"Claiming\"] : L[\"Claim\"])</MudButton>")]
    [InlineData("<span title=\"@DisplayNames.Of(Language)\">@Language.Code()</span>")]
    [InlineData("<p>@L[\"Choose\"] (@L[\"Press\"] <kbd>c</kbd>).</p>")]
    [InlineData("<a class=\"brand\" href=\"/\">BeFree</a>")]
    [InlineData("@* A comment with words *@\n<div></div>")]
    [InlineData("@if (Item.Language != ConversationLanguage.English)\n{\n    <span data-testid=\"@($\"language-{id}\")\">@x</span>\n}")]
    [InlineData("@for (var i = 0; i < keys.Count; i++)\n{\n    <kbd>@keys[i]</kbd>\n}")]
    [InlineData("<div></div>\n@code {\n    private string Label => \"Words in code\";\n}")]
    [InlineData("<MudButton Variant=\"Variant.Filled\" Color=\"Color.Primary\" OnClick=\"() => Go(null)\">@L[\"All\"]</MudButton>")]
    [InlineData("<!DOCTYPE html>\n<html lang=\"@Lang\">\n<head></head>\n</html>")]
    [InlineData("<HeadContent>\n    <style>\n        @@media print {\n            .nav { display: none !important; }\n        }\n    </style>\n</HeadContent>")]
    public void Translated_text_code_and_key_caps_are_not_reported(string razor)
        => Assert.Empty(Scan(razor));
}
