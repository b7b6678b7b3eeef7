using System.Diagnostics.Metrics;

namespace BeFree.Core.Observability;

/// <summary>
/// BeFree's own instruments on the "BeFree" meter. Recording goes through here so the meter and the
/// System page (<see cref="SystemFigures"/>) count the same events; the gauges read <see cref="SystemFigures"/>,
/// which caches its database figures, so a scrape never queries the database.
/// </summary>
public sealed class BeFreeMetrics
{
    /// <summary>Webhooks answer in milliseconds; the tail up to Twilio's 15-second timeout still shows.</summary>
    private static readonly double[] WebhookBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

    private readonly SystemFigures _figures;
    private readonly Histogram<double> _webhookDuration;
    private readonly Counter<long> _textsStored;
    private readonly Counter<long> _outboundFailures;

    public BeFreeMetrics(IMeterFactory meterFactory, SystemFigures figures)
    {
        _figures = figures;
        var meter = meterFactory.Create(BeFreeTelemetry.Name);
        _webhookDuration = meter.CreateHistogram("befree.webhook.duration", "s",
            "Time to handle one Twilio webhook, from its arrival to its answer, by kind (sms, status) and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WebhookBuckets });
        _textsStored = meter.CreateCounter<long>("befree.texts.stored", "{text}",
            "Inbound texts committed to the database (a repeated delivery of a stored text is not counted).");
        _outboundFailures = meter.CreateCounter<long>("befree.outbound.failures", "{message}",
            "Outbound texts given up on as failed (refused by Twilio, out of attempts, or the texter opted out).");

        meter.CreateObservableGauge("befree.queue.length", () => figures.Database.QueueLength, "{conversation}",
            "Conversations waiting in the queue.");
        meter.CreateObservableGauge("befree.queue.oldest_wait", () => figures.Current.OldestWait?.TotalSeconds ?? 0, "s",
            "How long the longest-waiting conversation has waited (0 when none waits).");
        meter.CreateObservableGauge("befree.screens.open", () => figures.OpenScreens, "{screen}",
            "Staff screens connected to this server (Blazor circuits).");
        meter.CreateObservableGauge<int>("befree.outbound.backlog", () =>
            {
                var database = figures.Database;
                return
                [
                    new(database.OutboundQueued, new KeyValuePair<string, object?>(BeFreeTelemetry.Tags.OutboundState, "queued")),
                    new(database.OutboundSending, new KeyValuePair<string, object?>(BeFreeTelemetry.Tags.OutboundState, "sending")),
                    new(database.OutboundHeld, new KeyValuePair<string, object?>(BeFreeTelemetry.Tags.OutboundState, "held")),
                ];
            }, "{message}", "Outbound texts Twilio does not have yet, by state (queued, sending or awaiting a retry, held).");
        meter.CreateObservableGauge<int>("befree.live_bus.connected", () => figures.LiveBus switch
            {
                LiveBusState.Connected => [new Measurement<int>(1)],
                LiveBusState.Unavailable => [new Measurement<int>(0)],
                _ => [],
            }, null, "1 while the bus between app servers (Redis) is connected, 0 while it is not; absent with a single server.");
    }

    /// <param name="kind">The webhook's kind (sms, status): a fixed, short list.</param>
    /// <param name="outcome">ok, refused (4xx) or failed (5xx).</param>
    public void RecordWebhook(string kind, string outcome, TimeSpan elapsed)
    {
        _webhookDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(BeFreeTelemetry.Tags.WebhookKind, kind),
            new KeyValuePair<string, object?>(BeFreeTelemetry.Tags.WebhookOutcome, outcome));
        _figures.AddWebhook(kind, elapsed);
    }

    public void RecordTextStored()
    {
        _textsStored.Add(1);
        _figures.AddTextStored();
    }

    public void RecordOutboundFailure()
    {
        _outboundFailures.Add(1);
        _figures.AddOutboundFailure();
    }
}
