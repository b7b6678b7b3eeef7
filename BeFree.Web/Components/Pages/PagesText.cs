namespace BeFree.Web.Components.Pages;

/// <summary>The error and not-found pages' words: PagesText.resx (English) and PagesText.es.resx (Spanish).</summary>
public sealed class PagesText;
