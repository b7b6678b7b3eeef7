namespace BeFree.Web.Components.Pages.Inbox;

/// <summary>The inbox's words: InboxText.resx (English) and InboxText.es.resx (Spanish), through <c>IStringLocalizer&lt;InboxText&gt;</c>.</summary>
public sealed class InboxText;
