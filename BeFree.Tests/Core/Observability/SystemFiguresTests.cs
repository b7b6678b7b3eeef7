using System.Diagnostics.Metrics;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Observability;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;

namespace BeFree.Tests.Core.Observability;

public sealed class SystemFiguresTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkspaceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private SystemFigures Figures => _host.Get<SystemFigures>();

    private DateTime Now => _host.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Queue_length_and_oldest_wait_count_only_waiting_conversations()
    {
        var advocate = await _host.CreateAdvocateAsync("Ana");
        await _host.CreateConversationAsync(queuedUtc: Now.AddMinutes(-3));
        await _host.CreateConversationAsync(queuedUtc: Now.AddMinutes(-7));
        await _host.CreateConversationAsync(queuedUtc: Now.AddMinutes(-30), assignedTo: advocate);

        await Figures.RefreshAsync();
        _host.Clock.Advance(TimeSpan.FromSeconds(20));
        var snapshot = Figures.Current;

        Assert.Equal(2, snapshot.Database.QueueLength);
        Assert.Equal(Now.AddMinutes(-7).AddSeconds(-20), snapshot.Database.OldestQueuedUtc);
        Assert.Equal(TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(20), snapshot.OldestWait);
    }

    [Fact]
    public async Task An_empty_queue_has_no_oldest_wait()
    {
        await Figures.RefreshAsync();

        Assert.Equal(0, Figures.Current.Database.QueueLength);
        Assert.Null(Figures.Current.OldestWait);
    }

    [Fact]
    public async Task The_outbound_backlog_counts_texts_Twilio_does_not_have_yet_by_state()
    {
        var conversation = await _host.CreateConversationAsync();
        await AddOutboundAsync(conversation, MessageStatus.Queued);
        await AddOutboundAsync(conversation, MessageStatus.Sending);
        await AddOutboundAsync(conversation, MessageStatus.Sending);
        // Accepted by Twilio (a SID) and waiting for its delivery report: no longer ours to send.
        await AddOutboundAsync(conversation, MessageStatus.Sending, sid: "SM" + Guid.NewGuid().ToString("N"));
        await AddOutboundAsync(conversation, MessageStatus.Held);
        await AddOutboundAsync(conversation, MessageStatus.Discarded);
        await AddOutboundAsync(conversation, MessageStatus.Failed);
        await AddOutboundAsync(conversation, MessageStatus.Delivered, sid: "SM" + Guid.NewGuid().ToString("N"));

        await Figures.RefreshAsync();
        var database = Figures.Current.Database;

        Assert.Equal(1, database.OutboundQueued);
        Assert.Equal(2, database.OutboundSending);
        Assert.Equal(1, database.OutboundHeld);
        Assert.Equal(4, database.OutboundBacklog);
    }

    [Fact]
    public async Task A_conversation_change_refreshes_the_figures_without_waiting_for_the_interval()
    {
        // An interval far longer than the wait below: only the change can bring the new figure in time.
        await using var host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Metrics:RefreshSeconds"] = "60" });
        var figures = host.Get<SystemFigures>();
        await WaitForAsync(() => figures.Database.ReadUtc != DatabaseFigures.NotRead.ReadUtc, "the first read at start-up");
        var conversation = await host.CreateConversationAsync();
        Assert.Equal(0, figures.Database.QueueLength);

        await host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(conversation, ConversationChangeKind.Created));

        await WaitForAsync(() => figures.Database.QueueLength == 1, "the queue of one after the change");
    }

    [Fact]
    public async Task A_text_failed_by_the_sender_is_counted_and_its_send_traced()
    {
        var sends = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == BeFreeTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (activity.OperationName == BeFreeTelemetry.Spans.Send) { sends.Add(activity); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var conversation = await _host.CreateConversationAsync(texter: t => { t.IsOptedOut = true; t.OptedOutUtc = Now; });
        var message = await AddOutboundAsync(conversation, MessageStatus.Queued, dueNow: true);

        _host.Get<OutboundSignal>().Signal();

        await WaitForAsync(() => Figures.OutboundFailures == 1, "the opted-out text counted as failed");
        await WaitForAsync(() => sends.Any(s => Equals(s.GetTagItem(BeFreeTelemetry.Tags.MessageId), message)), "the send's span");
    }

    [Fact]
    public async Task Only_an_admin_reads_the_figures()
    {
        var advocate = await _host.CreateAdvocateAsync("Ana");
        var admin = await _host.CreateStaffAsync("Ada", [StaffRoles.Admin]);
        await _host.CreateConversationAsync();
        await Figures.RefreshAsync();

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Figures.GetAsync(advocate));
        Assert.Equal(1, (await Figures.GetAsync(admin)).Database.QueueLength);
    }

    [Fact]
    public async Task The_gauges_report_the_figures_of_their_own_host()
    {
        await _host.CreateConversationAsync(queuedUtc: Now.AddMinutes(-2));
        await _host.CreateConversationAsync();
        var conversation = await _host.CreateConversationAsync();
        await AddOutboundAsync(conversation, MessageStatus.Queued);
        await Figures.RefreshAsync();
        using var screen = Figures.ScreenOpened();

        var measured = new Dictionary<string, double>();
        var meterFactory = _host.Get<IMeterFactory>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BeFreeTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => measured[Key(instrument.Name, tags)] = value);
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measured[Key(instrument.Name, tags)] = value);
            listener.Start();
            listener.RecordObservableInstruments();
        }

        Assert.Equal(3, measured["befree.queue.length"]);
        Assert.Equal(120, measured["befree.queue.oldest_wait"]);
        Assert.Equal(1, measured["befree.screens.open"]);
        Assert.Equal(1, measured["befree.outbound.backlog/queued"]);
        Assert.Equal(0, measured["befree.outbound.backlog/sending"]);
        Assert.Equal(0, measured["befree.outbound.backlog/held"]);
        // One server: no bus, so nothing is reported for it.
        Assert.False(measured.ContainsKey("befree.live_bus.connected"));

        static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
            => tags.Length == 0 ? name : name + "/" + tags[0].Value;
    }

    [Fact]
    public void Rates_between_two_snapshots_are_per_minute_and_per_webhook()
    {
        var start = new DateTime(2026, 7, 15, 15, 0, 0, DateTimeKind.Utc);
        var earlier = new SystemSnapshot(start, DatabaseFigures.NotRead, 0, 10, 0,
            [new WebhookFigures("sms", 10, TimeSpan.FromMilliseconds(100)), new WebhookFigures("status", 4, TimeSpan.FromMilliseconds(40))], LiveBusState.NotConfigured);
        var later = earlier with
        {
            TakenUtc = start.AddSeconds(5),
            TextsStored = 20,
            Webhooks = [new WebhookFigures("sms", 15, TimeSpan.FromMilliseconds(200)), new WebhookFigures("status", 4, TimeSpan.FromMilliseconds(40))],
        };

        var rates = SystemRates.Between(earlier, later);

        Assert.Equal(120, rates.TextsPerMinute, precision: 6);
        Assert.Equal(TimeSpan.FromMilliseconds(20), rates.MeanWebhookTime["sms"]);
        Assert.Null(rates.MeanWebhookTime["status"]);
    }

    private async Task<long> AddOutboundAsync(int conversationId, MessageStatus status, string? sid = null, bool dueNow = false)
    {
        await using var db = await _host.DbAsync();
        var message = new Message
        {
            ConversationId = conversationId,
            Direction = MessageDirection.Outbound,
            Origin = MessageOrigin.Advocate,
            Body = "We are here.",
            CreatedUtc = Now,
            Status = status,
            StatusUpdatedUtc = Now,
            TwilioSid = sid,
            // The host's real sender must not take a text a test only counts: not due for an hour (a queued
            // text awaiting a retry is still queued), unless the test wants it sent.
            NextAttemptUtc = dueNow ? null : Now.AddHours(1),
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }
            await Task.Delay(20);
        }
    }
}
