namespace BeFree.Core.Risk;

/// <summary>What the risk rules say to staff. In the reader's language: RiskMessages.resx (English), RiskMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class RiskMessages : CoreText<RiskMessages>;
