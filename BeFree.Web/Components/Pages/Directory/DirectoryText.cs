namespace BeFree.Web.Components.Pages.LawDirectory;

/// <summary>The words of this folder's pages: DirectoryText.resx (English) and DirectoryText.es.resx (Spanish), through <c>IStringLocalizer&lt;DirectoryText&gt;</c> as <c>L</c>.</summary>
public sealed class DirectoryText;
