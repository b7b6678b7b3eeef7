namespace BeFree.Web.Components.Pages.Reports;

/// <summary>What the reports page shows: whole days in the hotline's zone, the last one included.</summary>
public sealed record ReportRange(DateOnly From, DateOnly To, bool IncludeTraining);
