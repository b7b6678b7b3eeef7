using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BeFree.Core.Observability;
using BeFree.Tests.Web.Twilio.Support;

namespace BeFree.Tests.Web.Observability;

public sealed class WebhookTelemetryTests(SimulatedTwilioFactory factory) : IClassFixture<SimulatedTwilioFactory>, IDisposable
{
    private readonly ConcurrentBag<Activity> _spans = [];
    private ActivityListener? _listener;

    private SystemFigures Figures => factory.Get<SystemFigures>();

    private void ListenToSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BeFreeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task A_stored_text_is_counted_once_and_every_delivery_is_timed()
    {
        var client = factory.CreateClient();
        var form = TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), "Can you help me?", TwilioWebhook.NewMessageSid());
        var storedBefore = Figures.TextsStored;
        var smsBefore = SmsWebhooks();

        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync("/twilio/sms", form)).StatusCode);
        // Twilio delivers the same text again: answered, timed, not stored twice.
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync("/twilio/sms", form)).StatusCode);

        Assert.Equal(storedBefore + 1, Figures.TextsStored);
        Assert.Equal(smsBefore + 2, SmsWebhooks());
        Assert.True(Figures.Current.Webhooks.Single(w => w.Kind == "sms").TotalTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_refused_webhook_is_timed_too()
    {
        var before = SmsWebhooks();
        var form = TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), "hello", TwilioWebhook.NewMessageSid());

        var response = await factory.CreateClient().PostSignedAsync("/twilio/sms", form, token: "not-the-auth-token");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before + 1, SmsWebhooks());
    }

    [Fact]
    public async Task An_inbound_text_is_traced_as_a_webhook_span_around_its_store_without_the_number_or_the_text()
    {
        ListenToSpans();
        var phone = TwilioWebhook.NewPhoneNumber();
        var sid = TwilioWebhook.NewMessageSid();

        var response = await factory.CreateClient().PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, "They took my passport", sid));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversationId = await factory.WaitForAsync(db => Task.FromResult(db.Messages.Where(m => m.TwilioSid == sid).Select(m => (int?)m.ConversationId).SingleOrDefault()),
            id => id is not null, "the stored text");

        var store = _spans.Single(s => s.OperationName == BeFreeTelemetry.Spans.InboundStore
            && Equals(s.GetTagItem(BeFreeTelemetry.Tags.ConversationId), conversationId));
        var webhook = _spans.Single(s => s.SpanId == store.ParentSpanId);
        Assert.Equal("webhook sms", webhook.OperationName);
        Assert.Equal("stored", store.GetTagItem(BeFreeTelemetry.Tags.InboundOutcome));
        Assert.Equal("ok", webhook.GetTagItem(BeFreeTelemetry.Tags.WebhookOutcome));
        foreach (var span in new[] { webhook, store })
        {
            Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(phone[2..]) == true || t.Value?.ToString()?.Contains("passport") == true);
        }
    }

    [Fact]
    public async Task A_status_report_is_timed_as_its_own_kind()
    {
        var before = Figures.Current.Webhooks.SingleOrDefault(w => w.Kind == "status")?.Count ?? 0;

        var response = await factory.CreateClient().PostSignedAsync("/twilio/status", TwilioWebhook.Status(TwilioWebhook.NewMessageSid(), "delivered"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, Figures.Current.Webhooks.Single(w => w.Kind == "status").Count);
    }

    private long SmsWebhooks() => Figures.Current.Webhooks.SingleOrDefault(w => w.Kind == "sms")?.Count ?? 0;

    public void Dispose() => _listener?.Dispose();
}
