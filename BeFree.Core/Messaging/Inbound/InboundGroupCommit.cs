using System.Collections.Concurrent;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Risk;
using Microsoft.Extensions.Logging;

namespace BeFree.Core.Messaging.Inbound;

/// <summary>An inbound text as committed: what open screens and the sender are told.</summary>
internal sealed record StoredText(int ConversationId, ConversationChangeKind Kind, bool RepliesQueued, bool ImminentSuggested);

/// <summary>A text waiting for the writer, with what can be read from its words alone worked out beforehand.</summary>
internal sealed class PendingText(InboundSms sms, InboundKeyword keyword, RiskSuggestion? suggestion, ConversationLanguage? language = null)
{
    /// <summary>The language the text's words are in, null when they do not tell (<see cref="LanguageDetector"/>).</summary>
    public ConversationLanguage? Language { get; } = language;
    public InboundSms Sms { get; } = sms;
    public InboundKeyword Keyword { get; } = keyword;
    /// <summary>What the lexicon suggests for this text, before knowing its conversation's level.</summary>
    public RiskSuggestion? Suggestion { get; } = suggestion;
    public TaskCompletionSource<StoredText?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit for inbound texts: one caller at a time writes, taking every text that queued up
/// meanwhile into the same <see cref="InboundBatchWriter"/> transaction (one commit, one set of
/// look-ups, instead of one per text). Each caller still gets its answer only after the commit
/// that holds its text. A batch that fails is retried text by text, so one bad text never fails
/// another. On SQLite the writer also takes its turn at <see cref="DatabaseWriteGate"/>, behind the
/// outbound sender's and the status reports' writes rather than racing them for the lock.
/// </summary>
internal sealed class InboundGroupCommit(InboundBatchWriter batchWriter, DatabaseWriteGate writeGate, ILogger logger)
{
    private const int MaxBatch = 64;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentQueue<PendingText> _waiting = new();

    /// <summary>Queues the text and writes queued texts until this one is committed (or failed); null: already stored.</summary>
    public async Task<StoredText?> WriteAsync(PendingText pending, CancellationToken cancellationToken)
    {
        _waiting.Enqueue(pending);
        while (!pending.Done.Task.IsCompleted)
        {
            await _writer.WaitAsync(cancellationToken);
            try
            {
                if (pending.Done.Task.IsCompleted)
                {
                    break; // Written by the caller before us.
                }
                var batch = new List<PendingText>();
                while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
                if (batch.Count > 0)
                {
                    using (await writeGate.EnterAsync(CancellationToken.None))
                    {
                        await WriteBatchAsync(batch);
                    }
                }
            }
            finally
            {
                _writer.Release();
            }
        }
        return await pending.Done.Task;
    }

    /// <summary>Writes <paramref name="text"/> in its writer's turn and rolls it back (see <see cref="InboundSmsProcessor.WarmUpAsync"/>).</summary>
    public async Task RehearseAsync(PendingText text, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            using (await writeGate.EnterAsync(cancellationToken))
            {
                await batchWriter.StoreAsync([text], commit: false);
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task WriteBatchAsync(List<PendingText> batch)
    {
        try
        {
            var results = await batchWriter.StoreAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && !IsDatabaseUnavailable(ex))
        {
            // Something about one text (a constraint, an observer): the others must not suffer.
            logger.LogInformation(ex, "A batch of {Count} inbound texts failed; writing them one by one", batch.Count);
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            // The database itself is unavailable: every text in the batch fails now (and Twilio
            // retries them) rather than each waiting out the busy timeout in turn.
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// The database could not be reached, locked or committed: not about any one text. (A failed
    /// INSERT surfaces as <see cref="Microsoft.EntityFrameworkCore.DbUpdateException"/> instead, which is tried text by text.)
    /// </summary>
    private static bool IsDatabaseUnavailable(Exception ex) => ex is System.Data.Common.DbException or TimeoutException;
}
