using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace BeFree.Tests.Support;

/// <summary>
/// Reads a server-rendered page the way a browser does (AngleSharp): attribute order and entity
/// encoding do not matter, unlike a regular expression over the HTML.
/// </summary>
public static class HtmlPage
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>What a person reads on the page: its text without style sheets and scripts (the theme's CSS variables name states like "disabled").</summary>
    public static string VisibleText(string html)
    {
        var document = Parse(html);
        foreach (var element in document.QuerySelectorAll("style, script").ToList())
        {
            element.Remove();
        }
        return document.Body?.TextContent ?? "";
    }

    /// <summary>The antiforgery token of the page's form, or null when it has none.</summary>
    public static string? AntiforgeryToken(string html)
        => Parse(html).QuerySelector($"form input[name='{AntiforgeryField}']")?.GetAttribute("value") is { Length: > 0 } token
            ? token
            : null;

    /// <summary>The Identity pages' error banner ("Error: …"), or null when the page shows none.</summary>
    public static string? ErrorMessage(string html)
        => Parse(html).QuerySelectorAll("[role=alert]").Select(e => e.TextContent.Trim())
            .FirstOrDefault(text => text.StartsWith("Error:", StringComparison.Ordinal));
}
