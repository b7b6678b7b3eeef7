namespace BeFree.Web.Components.Pages.Referrals;

/// <summary>The words of this folder's pages: ReferralsText.resx (English) and ReferralsText.es.resx (Spanish), through <c>IStringLocalizer&lt;ReferralsText&gt;</c> as <c>L</c>.</summary>
public sealed class ReferralsText;
