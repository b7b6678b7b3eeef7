namespace BeFree.Web.Components.Pages.Queue;

/// <summary>The queue's words (and its badges' and language filter's): QueueText.resx (English) and QueueText.es.resx (Spanish).</summary>
public sealed class QueueText;
