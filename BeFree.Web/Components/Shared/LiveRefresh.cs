namespace BeFree.Web.Components.Shared;

/// <summary>
/// Coalesces bursts of live events into as few re-reads as possible: at most one load runs at a
/// time, and events that arrive during it trigger exactly one more.
/// </summary>
public sealed class LiveRefresh(Func<Task> load)
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private int _pending;

    public async Task RequestAsync()
    {
        Interlocked.Exchange(ref _pending, 1);
        if (!await _running.WaitAsync(0))
        {
            return; // The running load will see the pending flag and go again.
        }
        try
        {
            while (Interlocked.Exchange(ref _pending, 0) == 1)
            {
                await load();
            }
        }
        finally
        {
            _running.Release();
        }
    }
}
