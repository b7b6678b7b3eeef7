namespace BeFree.Web.Components.Shared;

/// <summary>
/// What <c>WorkstationAlerts</c> found new on this screen (scoped: one per circuit), for the navigation badges:
/// conversations that arrived in the queue, and conversations of mine with a texter message not yet seen.
/// Opening the page clears its count.
/// </summary>
public sealed class WorkstationAlertCounts
{
    public const string QueueHref = "/queue";
    public const string MineHref = "/conversations";

    public int NewInQueue { get; private set; }
    public int NewInMine { get; private set; }
    public int Total => NewInQueue + NewInMine;

    public event Action? Changed;

    public int UnseenFor(string href) => href switch
    {
        QueueHref => NewInQueue,
        MineHref => NewInMine,
        _ => 0,
    };

    public void Set(int newInQueue, int newInMine)
    {
        if (newInQueue == NewInQueue && newInMine == NewInMine)
        {
            return;
        }
        NewInQueue = newInQueue;
        NewInMine = newInMine;
        Changed?.Invoke();
    }
}
