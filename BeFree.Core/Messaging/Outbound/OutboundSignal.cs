using System.Threading.Channels;

namespace BeFree.Core.Messaging.Outbound;

/// <summary>Wakes the background sender when a text is queued. Signals coalesce: one wake-up drains everything due.</summary>
public sealed class OutboundSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Signal() => _channel.Writer.TryWrite(true);

    /// <summary>Returns when signalled or when <paramref name="timeout"/> elapses, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: time for a delayed retry.
        }
    }
}
