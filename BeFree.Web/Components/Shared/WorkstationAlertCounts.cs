namespace BeFree.Web.Components.Shared;

/// <summary>
/// What needs this person's attention, as <c>WorkstationAlerts</c> last read it (scoped: one per circuit), for the
/// badges in the app bar and the navigation: conversations waiting in the queue, and conversations of mine with
/// texter messages nobody has read yet.
/// </summary>
public sealed class WorkstationAlertCounts
{
    public const string QueueHref = "/queue";
    public const string MineHref = "/conversations";

    public int Waiting { get; private set; }
    public int MineWithNewTexts { get; private set; }
    public int Total => Waiting + MineWithNewTexts;

    /// <summary>Raised on the thread that changed the counts; components re-render through <c>InvokeAsync</c>.</summary>
    public event Action? Changed;

    public int UnseenFor(string href) => href switch
    {
        QueueHref => Waiting,
        MineHref => MineWithNewTexts,
        _ => 0,
    };

    public void Set(int waiting, int mineWithNewTexts)
    {
        if (waiting == Waiting && mineWithNewTexts == MineWithNewTexts)
        {
            return;
        }
        Waiting = waiting;
        MineWithNewTexts = mineWithNewTexts;
        Changed?.Invoke();
    }
}
