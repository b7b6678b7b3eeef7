using System.Collections.Concurrent;
using BeFree.Core.Live;

namespace BeFree.Tests.Core.Live;

/// <summary>
/// Redis's part for tests in one process: buses ("servers") that deliver each other's messages, in order,
/// never their own, and share tables. A server can be cut off, as when it dies or loses Redis.
/// </summary>
public sealed class LinkedLiveBuses
{
    private readonly List<Bus> _buses = [];
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _tables = new();

    public ILiveBus NewServer()
    {
        var bus = new Bus(this);
        lock (_buses)
        {
            _buses.Add(bus);
        }
        return bus;
    }

    public void CutOff(ILiveBus server) => ((Bus)server).Connected = false;

    private void Deliver(Bus sender, string channel, string message)
    {
        List<Bus> others;
        lock (_buses)
        {
            others = _buses.Where(b => b != sender && b.Connected).ToList();
        }
        foreach (var other in others)
        {
            other.Handle(channel, message);
        }
    }

    private sealed class Bus(LinkedLiveBuses hub) : ILiveBus
    {
        private readonly Lock _gate = new();
        private readonly List<(string Channel, Action<string> Handler)> _handlers = [];

        public volatile bool Connected = true;

        public string ServerId { get; } = Guid.NewGuid().ToString("N");

        public bool IsShared => true;

        public bool IsConnected => Connected;

        public void Send(string channel, string message)
        {
            if (Connected)
            {
                hub.Deliver(this, channel, message);
            }
        }

        public void Handle(string channel, string message)
        {
            // One at a time, like one Redis subscription's queue.
            lock (_gate)
            {
                foreach (var (_, handler) in _handlers.Where(h => h.Channel == channel).ToList())
                {
                    handler(message);
                }
            }
        }

        public IDisposable Receive(string channel, Action<string> handler)
        {
            lock (_gate)
            {
                _handlers.Add((channel, handler));
            }
            return new Registration(() =>
            {
                lock (_gate)
                {
                    _handlers.Remove((channel, handler));
                }
            });
        }

        public void PutShared(string table, string field, string value)
        {
            if (Connected)
            {
                hub._tables.GetOrAdd(table, _ => new())[field] = value;
            }
        }

        public void RemoveShared(string table, string field)
        {
            if (Connected)
            {
                hub._tables.GetOrAdd(table, _ => new()).TryRemove(field, out _);
            }
        }

        public Task<IReadOnlyDictionary<string, string>> ReadSharedAsync(string table, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyDictionary<string, string>>(Connected
                ? new Dictionary<string, string>(hub._tables.GetOrAdd(table, _ => new()))
                : new Dictionary<string, string>());
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
