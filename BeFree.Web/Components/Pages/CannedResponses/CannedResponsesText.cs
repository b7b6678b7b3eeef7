namespace BeFree.Web.Components.Pages.CannedReplies;

/// <summary>The words of this folder's pages: CannedResponsesText.resx (English) and CannedResponsesText.es.resx (Spanish), through <c>IStringLocalizer&lt;CannedResponsesText&gt;</c> as <c>L</c>.</summary>
public sealed class CannedResponsesText;
