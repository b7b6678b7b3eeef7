using System.Collections.Concurrent;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Twilio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.TwilioCopies;

/// <summary>
/// Runs <see cref="TwilioCopyQueue"/> in the background (Live mode with DeleteAfterIngest only). It
/// hears of new texts and final delivery statuses from <see cref="ConversationNotifier"/>, which
/// publishes after commit without waiting: the webhook never waits for a copy or a deletion.
/// A sweep at start and every <see cref="SweepInterval"/> queues anything a crash left unqueued.
/// </summary>
public sealed class TwilioCopyWorker(
    IServiceProvider services,
    ConversationNotifier notifier,
    TwilioCopySignal signal,
    IOptions<TwilioOptions> options,
    TimeProvider clock,
    ILogger<TwilioCopyWorker> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<int, bool> _changedConversations = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeletesAtTwilio)
        {
            logger.LogInformation("Twilio's copies of texts are not deleted (Simulated mode, or Twilio:DeleteAfterIngest is off).");
            return;
        }
        using var subscription = notifier.Subscribe(change =>
        {
            _changedConversations[change.ConversationId] = true;
            signal.Signal();
            return Task.CompletedTask;
        }, change => change.Kind is ConversationChangeKind.Created or ConversationChangeKind.MessageAdded or ConversationChangeKind.Reopened
            or ConversationChangeKind.OptOutChanged or ConversationChangeKind.MessageStatusChanged);

        var nextSweep = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var queue = services.GetRequiredService<TwilioCopyQueue>();
                if (clock.GetUtcNow().UtcDateTime >= nextSweep)
                {
                    _changedConversations.Clear();
                    await queue.QueueMissingAsync(stoppingToken);
                    nextSweep = clock.GetUtcNow().UtcDateTime + SweepInterval;
                }
                foreach (var conversationId in _changedConversations.Keys)
                {
                    _changedConversations.TryRemove(conversationId, out _);
                    await queue.QueueConversationAsync(conversationId, stoppingToken);
                }
                var nextDue = await queue.RunDueAsync(stoppingToken);
                var until = nextDue is { } due && due < nextSweep ? due : nextSweep;
                wait = until - clock.GetUtcNow().UtcDateTime;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is away or something unexpected: items keep their lease and are taken up again.
                logger.LogError(ex, "Deleting Twilio's copies failed; trying again shortly");
                wait = ErrorPause;
            }
            await WaitAsync(wait, stoppingToken);
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (signal.TryConsume() || wait <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, clock, timer.Token);
        try
        {
            await Task.WhenAny(signal.WaitToReadAsync(timer.Token).AsTask(), delay);
        }
        finally
        {
            await timer.CancelAsync();
        }
        signal.TryConsume();
    }
}
