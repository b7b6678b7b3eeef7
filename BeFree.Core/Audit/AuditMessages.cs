namespace BeFree.Core.Audit;

/// <summary>What the audit checks say to staff (never what the log stores). In the reader's language: AuditMessages.resx (English), AuditMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class AuditMessages : CoreText<AuditMessages>;
