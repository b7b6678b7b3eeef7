using BeFree.Core.Live;
using BeFree.Core.Messaging.Outbound;
using BeFree.Tests.Core.Live;

namespace BeFree.Tests.Core.Messaging;

/// <summary>A queued text wakes the senders on every app server, through the live bus.</summary>
public sealed class OutboundSignalTests
{
    private static readonly TimeSpan NoTimer = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_text_queued_on_one_server_wakes_the_sender_on_the_other_and_on_itself()
    {
        var redis = new LinkedLiveBuses();
        var one = new OutboundSignal(redis.NewServer());
        var two = new OutboundSignal(redis.NewServer());
        var twoWakes = two.WaitAsync(NoTimer, CancellationToken.None);
        var oneWakes = one.WaitAsync(NoTimer, CancellationToken.None);

        one.Signal();

        // Bounded only so a broken build fails instead of hanging; the timer asked for is an hour.
        await twoWakes.WaitAsync(Patience);
        await oneWakes.WaitAsync(Patience);
    }

    [Fact]
    public void Signals_while_a_wake_up_is_waiting_send_nothing_more_to_the_bus_and_one_from_another_server_is_not_passed_on()
    {
        var bus = new RecordingBus();
        var signal = new OutboundSignal(bus);

        signal.Signal();
        signal.Signal();
        signal.Signal();
        bus.FromOtherServer(OutboundSignal.BusChannel);

        Assert.Equal([OutboundSignal.BusChannel], bus.Sent);
    }

    [Fact]
    public async Task After_the_sender_woke_the_next_text_signals_the_other_servers_again()
    {
        var bus = new RecordingBus();
        var signal = new OutboundSignal(bus);

        signal.Signal();
        await signal.WaitAsync(NoTimer, CancellationToken.None).WaitAsync(Patience); // The sender takes the wake-up.
        signal.Signal();

        Assert.Equal([OutboundSignal.BusChannel, OutboundSignal.BusChannel], bus.Sent);
    }

    [Fact]
    public void Without_a_shared_bus_nothing_is_sent()
    {
        var bus = new RecordingBus(shared: false);
        new OutboundSignal(bus).Signal();
        Assert.Empty(bus.Sent);
    }

    /// <summary>Records what is sent; <see cref="FromOtherServer"/> delivers a message as another server would.</summary>
    private sealed class RecordingBus(bool shared = true) : ILiveBus
    {
        private readonly List<(string Channel, Action<string> Handler)> _handlers = [];

        public List<string> Sent { get; } = [];
        public string ServerId { get; } = Guid.NewGuid().ToString("N");
        public bool IsShared => shared;
        public bool IsConnected => true;

        public void Send(string channel, string message) => Sent.Add(channel);

        public IDisposable Receive(string channel, Action<string> handler)
        {
            _handlers.Add((channel, handler));
            return new Unsubscribe();
        }

        public void FromOtherServer(string channel)
        {
            foreach (var (name, handler) in _handlers.Where(h => h.Channel == channel))
            {
                handler("");
            }
        }

        public void PutShared(string table, string field, string value)
        {
        }

        public void RemoveShared(string table, string field)
        {
        }

        public Task<IReadOnlyDictionary<string, string>> ReadSharedAsync(string table, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

        private sealed class Unsubscribe : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
