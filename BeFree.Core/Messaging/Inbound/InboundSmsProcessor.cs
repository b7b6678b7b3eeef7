using System.Globalization;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Observability;
using BeFree.Core.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Inbound;

public enum InboundSmsOutcome
{
    Stored,
    /// <summary>This MessageSid was already stored: Twilio delivered the webhook again.</summary>
    Duplicate,
}

public sealed record InboundSmsResult(InboundSmsOutcome Outcome, int? ConversationId = null);

/// <summary>
/// Stores inbound texts exactly once, threads them, applies the carrier keywords and queues the
/// automatic replies in the same transaction; then tells open screens. Returning normally means
/// the text is committed; an exception means it is not (and Twilio should retry).
/// <para>
/// The steps: the text's words are read here (<see cref="InboundKeywords"/>, the risk lexicon);
/// <see cref="InboundGroupCommit"/> queues it for the one writer, which writes it with the others
/// that queued meanwhile through <see cref="InboundBatchWriter"/>, applying <see cref="InboundThreading"/>'s
/// decisions; then the sender, open screens and leads are told.
/// </para>
/// </summary>
public sealed class InboundSmsProcessor
{
    private const int MaxAttempts = 3;
    private readonly IDbContextFactory<BeFreeDbContext> _dbFactory;
    private readonly ConversationNotifier _notifier;
    private readonly OutboundSignal _outboundSignal;
    private readonly RiskLexicon _lexicon;
    private readonly LeadAlerts _leadAlerts;
    private readonly TimeProvider _clock;
    private readonly ILogger<InboundSmsProcessor> _logger;
    private readonly InboundGroupCommit _groupCommit;
    private readonly BeFreeMetrics _metrics;

    public InboundSmsProcessor(
        IDbContextFactory<BeFreeDbContext> dbFactory,
        DatabaseWriteGate writeGate,
        ConversationNotifier notifier,
        OutboundSignal outboundSignal,
        AuditLog audit,
        IEnumerable<IInboundTextObserver> observers,
        ConversationReopening reopening,
        RiskLexicon lexicon,
        LeadAlerts leadAlerts,
        BeFreeMetrics metrics,
        IOptions<TwilioOptions> options,
        TimeProvider clock,
        ILogger<InboundSmsProcessor> logger)
    {
        _dbFactory = dbFactory;
        _notifier = notifier;
        _outboundSignal = outboundSignal;
        _lexicon = lexicon;
        _leadAlerts = leadAlerts;
        _clock = clock;
        _logger = logger;
        _metrics = metrics;
        var batchWriter = new InboundBatchWriter(dbFactory, audit, observers, reopening, options, clock, logger);
        _groupCommit = new InboundGroupCommit(batchWriter, writeGate, logger);
    }

    public async Task<InboundSmsResult> ProcessAsync(InboundSms sms, CancellationToken cancellationToken = default)
    {
        using var activity = BeFreeTelemetry.ActivitySource.StartActivity(BeFreeTelemetry.Spans.InboundStore);
        for (var attempt = 1; ; attempt++)
        {
            StoredText? stored;
            try
            {
                stored = await _groupCommit.WriteAsync(ReadWords(sms), cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // A unique index refused the write: either a concurrent delivery of this very
                // webhook stored it first (done), or another app instance created the texter at
                // the same moment (the retry finds it).
                if (!await IsStoredAsync(sms.MessageSid, cancellationToken))
                {
                    if (attempt >= MaxAttempts)
                    {
                        throw;
                    }
                    _logger.LogInformation(ex, "Inbound text {MessageSid} conflicted with a concurrent write; trying again", sms.MessageSid);
                    continue;
                }
                stored = null;
            }

            if (stored is null)
            {
                _logger.LogInformation("Inbound text {MessageSid} was already stored; ignoring the repeat delivery", sms.MessageSid);
                activity?.SetTag(BeFreeTelemetry.Tags.InboundOutcome, "duplicate");
                return new InboundSmsResult(InboundSmsOutcome.Duplicate);
            }

            _metrics.RecordTextStored();
            activity?.SetTag(BeFreeTelemetry.Tags.InboundOutcome, "stored").SetTag(BeFreeTelemetry.Tags.ConversationId, stored.ConversationId);
            if (stored.RepliesQueued)
            {
                _outboundSignal.Signal();
            }
            await _notifier.PublishAsync(new ConversationChange(stored.ConversationId, stored.Kind));
            if (stored.ImminentSuggested)
            {
                await _leadAlerts.PublishAsync(LeadAlert.Worded(LeadAlertKind.ImminentRiskSuggested, stored.ConversationId, null,
                    _clock.GetUtcNow().UtcDateTime, "Alert_ImminentSuggested", stored.ConversationId.ToString(CultureInfo.InvariantCulture)));
            }
            return new InboundSmsResult(InboundSmsOutcome.Stored, stored.ConversationId);
        }
    }

    /// <summary>
    /// Runs the whole write path once for a made-up text and rolls it back, so the first real
    /// text after a start does not pay for preparing queries, statements and code (about a third
    /// of a second, more on a busy machine). Nothing is stored and nobody is told.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var sms = new InboundSms("SMwarmup" + Guid.NewGuid().ToString("N"), null, "+10000000000", "+10000000001", "warm up",
            [], null, null, null, null, TrainingRequested: false);
        // A text that matches nothing runs every lexicon pattern: compiled patterns become machine
        // code on their first match, a quarter of a second in all.
        var text = new PendingText(sms, InboundKeywords.Parse(sms.Body), _lexicon.Suggest(sms.Body), LanguageDetector.Detect(sms.Body));
        await _groupCommit.RehearseAsync(text, cancellationToken);
    }

    /// <summary>
    /// What can be read from the words alone, worked out on the caller's thread so that the one
    /// writer spends its time only on what needs the database.
    /// </summary>
    private PendingText ReadWords(InboundSms sms)
    {
        var keyword = InboundKeywords.Parse(sms.Body);
        return new PendingText(sms, keyword, keyword is InboundKeyword.None ? _lexicon.Suggest(sms.Body) : null, LanguageDetector.Detect(sms.Body));
    }

    private async Task<bool> IsStoredAsync(string messageSid, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AnyAsync(m => m.TwilioSid == messageSid, cancellationToken);
    }
}
