using System.Threading.Channels;
using BeFree.Core.Live;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>
/// Wakes the background sender when a text is queued. Signals coalesce: one wake-up drains everything due.
/// With several app servers (a shared <see cref="ILiveBus"/>), a signal also wakes the senders on the
/// other servers, so any of them can take the text (the claim decides which): a text queued on a server
/// that is busy, stopping or dying waits for no timer. Only a signal that woke this server's sender goes
/// to the bus, so a burst of texts costs the bus one message per wake-up, not one per text.
/// </summary>
public sealed class OutboundSignal
{
    /// <summary>The live bus channel of the senders' wake-ups.</summary>
    public const string BusChannel = "outbound signal";

    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly ILiveBus? _bus;
    /// <summary>1 while a wake-up waits for the sender (the channel drops extra writes without saying so).</summary>
    private int _waiting;

    /// <summary>One server: the signal stays here.</summary>
    public OutboundSignal()
    {
    }

    public OutboundSignal(ILiveBus bus)
    {
        if (bus.IsShared)
        {
            _bus = bus;
            // Lives as long as this singleton, like the bus. Never echoed: the bus skips one's own messages.
            bus.Receive(BusChannel, _ => WakeHere());
        }
    }

    public void Signal()
    {
        if (WakeHere())
        {
            _bus?.Send(BusChannel, "");
        }
    }

    /// <summary>True when this wakes the sender; false when a wake-up was already waiting.</summary>
    private bool WakeHere()
    {
        if (Interlocked.Exchange(ref _waiting, 1) == 1)
        {
            return false;
        }
        _channel.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Returns when signalled or when <paramref name="timeout"/> elapses, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
            // Before the sender looks at the database: a text committed after this signals again.
            Volatile.Write(ref _waiting, 0);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: time for a delayed retry.
        }
    }
}
