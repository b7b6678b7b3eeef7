namespace BeFree.Core.Risk;

/// <summary>Ordered: a higher value is more urgent, and the queue sorts on it.</summary>
public enum RiskLevel
{
    Unknown = 0,
    Low = 1,
    Moderate = 2,
    High = 3,
    Imminent = 4,
}
