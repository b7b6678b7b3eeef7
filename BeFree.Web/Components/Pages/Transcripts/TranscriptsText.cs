namespace BeFree.Web.Components.Pages.Transcripts;

/// <summary>The transcript page's words: TranscriptsText.resx (English) and TranscriptsText.es.resx (Spanish). The messages themselves stay as written.</summary>
public sealed class TranscriptsText;
