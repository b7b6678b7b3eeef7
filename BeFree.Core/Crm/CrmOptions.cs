using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Crm;

public sealed class CrmOptions
{
    public const string Section = "Crm";

    /// <summary>Run the background deliverer on this server (several servers may all run it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the deliverer looks for due events when nothing woke it.</summary>
    [Range(1, 300)] public int PollSeconds { get; set; } = 5;

    /// <summary>How long one POST may take.</summary>
    [Range(1, 120)] public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts before a delivery is marked failed (an admin can replay it).</summary>
    [Range(1, 50)] public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each next one doubles, up to six hours.</summary>
    [Range(1, 3600)] public int FirstRetrySeconds { get; set; } = 30;

    public TimeSpan RetryDelay(int attempts)
        => TimeSpan.FromSeconds(Math.Min(6 * 3600, FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}
