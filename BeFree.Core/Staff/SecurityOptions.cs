using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Staff;

/// <summary>Section <c>Security</c>: session lifetimes.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>How often open screens re-check the account (disabled, password changed). At most 60.</summary>
    [Range(1, 60)]
    public int RevalidationIntervalSeconds { get; set; } = 60;

    /// <summary>Sign-in cookie sliding expiry.</summary>
    [Range(1, 720)]
    public int IdleTimeoutMinutes { get; set; } = 30;
}
