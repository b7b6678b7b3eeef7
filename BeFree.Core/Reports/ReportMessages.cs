namespace BeFree.Core.Reports;

/// <summary>What reports and transcripts say to staff. In the reader's language: ReportMessages.resx (English), ReportMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class ReportMessages : CoreText<ReportMessages>;
