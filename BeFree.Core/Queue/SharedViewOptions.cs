using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Queue;

/// <summary>How the shared views (the queue, the lead's floor) follow changes.</summary>
public sealed class SharedViewOptions
{
    public const string Section = "SharedViews";

    /// <summary>
    /// A change waits this long for others before the view is read again, so a burst of texts (a billboard, a TV
    /// spot) costs one read instead of one per text and leaves the cores to the webhooks; 0 reads at once.
    /// </summary>
    [Range(0, 1000)]
    public int SettleMilliseconds { get; set; } = 50;
}
