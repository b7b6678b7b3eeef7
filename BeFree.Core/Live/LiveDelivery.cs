namespace BeFree.Core.Live;

/// <summary>
/// Where a subscription's delivery loop starts when a change finds it idle.
/// <see cref="ThreadPool"/> is the app's: the publisher (a webhook that has committed, a click) only
/// hands the change over and never runs subscriber code. <see cref="Inline"/> is for tests of Core services
/// that assert what a service published as soon as it returns: an idle subscriber's handler then runs on the
/// publisher's thread up to its first incomplete await (a busy one still queues and coalesces the same way).
/// </summary>
public sealed class LiveDelivery
{
    public static readonly LiveDelivery ThreadPool = new(inline: false);
    public static readonly LiveDelivery Inline = new(inline: true);

    private readonly bool _inline;

    private LiveDelivery(bool inline) => _inline = inline;

    internal void Start(Func<Task> drain)
    {
        if (_inline)
        {
            _ = drain();
            return;
        }
        // Unsafe: the publisher's ExecutionContext (its HttpContext, logging scope, activity) must not flow
        // into another screen's handler.
        System.Threading.ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state(), drain, preferLocal: false);
    }

    public override string ToString() => _inline ? "Inline" : "ThreadPool";
}
