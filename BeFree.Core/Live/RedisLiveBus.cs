using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BeFree.Core.Live;

/// <summary>
/// The live bus between app servers on Redis pub/sub (<c>ConnectionStrings:Redis</c>). Every server
/// subscribes to one Redis channel; a message carries its sender's id (to skip one's own), the live
/// channel and the body. Redis being down never holds up a publisher: while it is unreachable messages
/// are dropped, counted and logged, and the client reconnects by itself and subscribes again.
/// </summary>
public sealed class RedisLiveBus : ILiveBus, IAsyncDisposable
{
    /// <summary>Messages on their way to Redis at once; beyond this they are dropped rather than queued without end.</summary>
    public const int MaxInFlight = 10_000;

    private const string RedisChannelName = "befree:live";
    private const string TablePrefix = "befree:";

    private readonly ILogger<RedisLiveBus> _logger;
    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Action<string>[]> _handlers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;
    private long _dropped;
    private int _warnedWhileDown;

    public RedisLiveBus(string configuration, ILogger<RedisLiveBus> logger)
    {
        _logger = logger;
        var options = ConfigurationOptions.Parse(configuration);
        // Start without Redis and keep trying: losing it only degrades live updates to this server.
        options.AbortOnConnectFail = false;
        // While disconnected, fail at once instead of queueing: a publisher must never wait, nor a queue grow.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "befree-" + ServerId[..8];
        _connecting = ConnectAsync(options);
    }

    public string ServerId { get; } = Guid.NewGuid().ToString("N");

    public bool IsShared => true;

    public bool IsConnected => _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected;

    /// <summary>Messages not handed to Redis because it was unreachable or too far behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Send(string channel, string message)
    {
        if (!IsConnected)
        {
            Drop(channel);
            return;
        }
        if (Interlocked.Increment(ref _inFlight) > MaxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            Drop(channel);
            return;
        }
        _ = PublishAsync(_connecting.Result, channel, message);
    }

    public IDisposable Receive(string channel, Action<string> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers[channel] = [.. _handlers.GetValueOrDefault(channel, []), handler];
        }
        return new Registration(this, channel, handler);
    }

    public void PutShared(string table, string field, string value)
    {
        if (IsConnected)
        {
            _ = IgnoreFailureAsync(_connecting.Result.GetDatabase().HashSetAsync(TablePrefix + table, field, value), "write to", table);
        }
    }

    public void RemoveShared(string table, string field)
    {
        if (IsConnected)
        {
            _ = IgnoreFailureAsync(_connecting.Result.GetDatabase().HashDeleteAsync(TablePrefix + table, field), "remove from", table);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadSharedAsync(string table, CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
        {
            return new Dictionary<string, string>();
        }
        try
        {
            var entries = await _connecting.Result.GetDatabase().HashGetAllAsync(TablePrefix + table).WaitAsync(cancellationToken);
            return entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Redis did not answer a read of {Table}", table);
            return new Dictionary<string, string>();
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions options)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                _logger.LogWarning(e.Exception, "Redis is unavailable ({Failure}): live updates reach only screens on this server until it is back",
                    e.FailureType);
            }
        };
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                Interlocked.Exchange(ref _warnedWhileDown, 0);
                _logger.LogInformation("Redis is back: live updates reach every server again ({Dropped} messages were dropped meanwhile)", Dropped);
            }
        };
        if (!redis.IsConnected)
        {
            _logger.LogWarning("Redis is unavailable at start-up: live updates reach only screens on this server until it answers");
        }
        _ = SubscribeAsync(redis);
        return redis;
    }

    /// <summary>Subscribes once (retrying until Redis answers); the client itself subscribes again after a reconnect.</summary>
    private async Task SubscribeAsync(ConnectionMultiplexer redis)
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisChannelName)).ConfigureAwait(false);
                // One queue, handled in order: changes reach this server's screens in the order they were sent.
                queue.OnMessage(message => Dispatch(message.Message));
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PublishAsync(ConnectionMultiplexer redis, string channel, string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisChannelName), Envelope.Wrap(ServerId, channel, message)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Drop(channel, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Dispatch(RedisValue value)
    {
        if (!Envelope.TryUnwrap(value.ToString(), out var sender, out var channel, out var body) || sender == ServerId)
        {
            return;
        }
        Action<string>[] handlers;
        lock (_gate)
        {
            handlers = _handlers.GetValueOrDefault(channel, []);
        }
        foreach (var handler in handlers)
        {
            try
            {
                handler(body);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A live message from another server on {Channel} could not be handled", channel);
            }
        }
    }

    private void Drop(string channel, Exception? exception = null)
    {
        Interlocked.Increment(ref _dropped);
        // One warning per outage; the count is in the "back" message and on the health check.
        if (Interlocked.Exchange(ref _warnedWhileDown, 1) == 0)
        {
            _logger.LogWarning(exception, "A live update ({Channel}) could not be sent to the other servers: Redis is unavailable or behind", channel);
        }
    }

    private async Task IgnoreFailureAsync(Task task, string action, string table)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "Could not {Action} {Table} in Redis", action, table);
        }
    }

    private void Remove(string channel, Action<string> handler)
    {
        lock (_gate)
        {
            if (_handlers.TryGetValue(channel, out var handlers))
            {
                _handlers[channel] = handlers.Where(h => h != handler).ToArray();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_connecting.IsCompletedSuccessfully)
        {
            await _connecting.Result.DisposeAsync();
        }
    }

    private sealed class Registration(RedisLiveBus bus, string channel, Action<string> handler) : IDisposable
    {
        public void Dispose() => bus.Remove(channel, handler);
    }

    /// <summary>"sender\nchannel\nbody": ids and channel names never hold a line break.</summary>
    internal static class Envelope
    {
        public static string Wrap(string sender, string channel, string body) => $"{sender}\n{channel}\n{body}";

        public static bool TryUnwrap(string value, out string sender, out string channel, out string body)
        {
            var first = value.IndexOf('\n');
            var second = first < 0 ? -1 : value.IndexOf('\n', first + 1);
            if (second < 0)
            {
                sender = channel = body = "";
                return false;
            }
            sender = value[..first];
            channel = value[(first + 1)..second];
            body = value[(second + 1)..];
            return true;
        }
    }
}
