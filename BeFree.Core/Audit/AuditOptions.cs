using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Audit;

/// <summary>Section <c>Audit</c>: how the audit log is sealed and how reads of conversations are recorded.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Time between passes of the sealer that hash-chains new entries.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SealEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reading a conversation one does not hold is recorded once per person, conversation and
    /// screen within this window: live reloads of an open page do not add entries.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReadWindow { get; set; } = TimeSpan.FromMinutes(15);
}
