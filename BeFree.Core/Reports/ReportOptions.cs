using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Reports;

/// <summary>Section <c>Reports</c>.</summary>
public sealed class ReportOptions : IValidatableObject
{
    public const string Section = "Reports";

    /// <summary>
    /// IANA zone the hotline's day and hour of day are counted in (a day starts at midnight there).
    /// Date-range filters are whole days in this zone.
    /// </summary>
    [Required]
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>The longest range one report or export may cover.</summary>
    [Range(1, 3660)]
    public int MaxRangeDays { get; set; } = 366;

    /// <summary>Dispositions counted as substantive cases. Empty means "Substantive case".</summary>
    public List<string> SubstantiveDispositions { get; set; } = [];

    public IReadOnlySet<string> EffectiveSubstantiveDispositions
        => SubstantiveDispositions.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase)
            is { Count: > 0 } configured ? configured : new HashSet<string>(["Substantive case"], StringComparer.OrdinalIgnoreCase);

    /// <summary>A method, not a property: validation reads every property, and this one throws for an unknown zone.</summary>
    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId ?? "", out _))
        {
            yield return new ValidationResult($"Reports:TimeZoneId '{TimeZoneId}' is not a time zone this machine knows.", [nameof(TimeZoneId)]);
        }
    }
}
