namespace BeFree.Core.Crm;

/// <summary>What the CRM webhook settings say to admins. In the reader's language: CrmMessages.resx (English), CrmMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class CrmMessages : CoreText<CrmMessages>;
