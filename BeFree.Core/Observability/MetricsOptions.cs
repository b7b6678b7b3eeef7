using System.ComponentModel.DataAnnotations;

namespace BeFree.Core.Observability;

public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// A port that serves the Prometheus scrape (<c>/metrics</c>) to anyone who can reach it: keep it off the
    /// public network. The app listens on it too. Empty: only a signed-in Admin can read <c>/metrics</c>.
    /// </summary>
    [Range(1, 65535)]
    public int? ManagementPort { get; set; }

    /// <summary>
    /// How often the database figures (queue, outbound backlog) are re-read when nothing changed on this
    /// server: changes made through another app server show up within this time.
    /// </summary>
    [Range(1, 60)]
    public int RefreshSeconds { get; set; } = 5;
}
