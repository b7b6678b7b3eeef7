namespace BeFree.Core.Escalations;

/// <summary>What the escalation rules and the law-enforcement directory say to staff. In the reader's language: EscalationMessages.resx (English), EscalationMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class EscalationMessages : CoreText<EscalationMessages>;
