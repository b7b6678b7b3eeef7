namespace BeFree.Web.Components.Pages.Search;

/// <summary>The words of this folder's pages: SearchText.resx (English) and SearchText.es.resx (Spanish), through <c>IStringLocalizer&lt;SearchText&gt;</c> as <c>L</c>.</summary>
public sealed class SearchText;
