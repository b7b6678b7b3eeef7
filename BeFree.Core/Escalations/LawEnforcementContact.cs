namespace BeFree.Core.Escalations;

/// <summary>An agency the hotline can escalate to.</summary>
public sealed class LawEnforcementContact
{
    public int Id { get; set; }
    public string Agency { get; set; } = "";
    /// <summary>Nationwide lines have no state.</summary>
    public bool IsNational { get; set; }
    /// <summary>Two-letter postal code (upper case) or the state's name.</summary>
    public string? State { get; set; }
    public string? CountyOrCity { get; set; }
    public string? ContactName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    /// <summary>A line answered around the clock, when the agency has one.</summary>
    public string? TwentyFourSevenPhone { get; set; }
    public string? Notes { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Set on the entries a new installation starts with, so seeding runs once per entry.</summary>
    public string? SeedKey { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
