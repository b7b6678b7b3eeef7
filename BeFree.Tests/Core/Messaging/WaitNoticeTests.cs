using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Queue;
using BeFree.Tests.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Core.Messaging;

/// <summary>
/// The wait notice on the test's clock. The background loop runs on the same clock, so a moved clock
/// may let it run a pass too: the tests assert what is stored, which is the same whoever ran the pass.
/// </summary>
public sealed class WaitNoticeTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private TwilioOptions _texts = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Conversations:WaitNoticeMinutes"] = "5" });
        _texts = _host.Get<IOptions<TwilioOptions>>().Value;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private WaitNotices Notices => _host.Get<WaitNotices>();

    private async Task<List<string>> NoticesAsync(int conversationId)
    {
        await using var db = await _host.DbAsync();
        var bodies = new[] { _texts.WaitNoticeReply, _texts.SpanishWaitNoticeReply };
        return await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Origin == MessageOrigin.Automatic && bodies.Contains(m.Body))
            .Select(m => m.Body).ToListAsync();
    }

    private async Task<int> FirstTextAsync(string body)
    {
        var phone = $"+1555{Random.Shared.Next(0, 10_000_000):D7}";
        var result = await _host.Get<InboundSmsProcessor>().ProcessAsync(new InboundSms("SM" + Guid.NewGuid().ToString("N"), null, phone, "233733",
            body, [], null, null, null, null, TrainingRequested: false));
        return result.ConversationId!.Value;
    }

    [Fact]
    public async Task A_texter_waiting_past_the_time_gets_one_notice_in_their_language_once_per_wait()
    {
        var id = await FirstTextAsync("Necesito ayuda, mi patrón tiene mi pasaporte");

        _host.Clock.Advance(TimeSpan.FromMinutes(4));
        await Notices.RunOnceAsync();
        Assert.Empty(await NoticesAsync(id));

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Notices.RunOnceAsync();
        Assert.Equal([_texts.SpanishWaitNoticeReply!], await NoticesAsync(id));

        _host.Clock.Advance(TimeSpan.FromMinutes(10));
        await Notices.RunOnceAsync();
        Assert.Single(await NoticesAsync(id));
    }

    [Fact]
    public async Task A_new_wait_earns_a_new_notice()
    {
        var id = await FirstTextAsync("I need help");
        _host.Clock.Advance(TimeSpan.FromMinutes(6));
        await Notices.RunOnceAsync();
        Assert.Equal([_texts.WaitNoticeReply!], await NoticesAsync(id));

        // Back in the queue (released, or the texter came back): a new wait.
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        await using (var db = await _host.DbAsync())
        {
            await db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.QueuedUtc, now));
        }
        _host.Clock.Advance(TimeSpan.FromMinutes(6));
        await Notices.RunOnceAsync();
        Assert.Equal(2, (await NoticesAsync(id)).Count);
    }

    [Fact]
    public async Task Two_app_servers_running_a_pass_at_once_queue_one_notice()
    {
        var id = await FirstTextAsync("hello?");
        var other = ActivatorUtilities.CreateInstance<WaitNotices>(_host.Services);
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        var queued = await Task.WhenAll(Notices.RunOnceAsync(), other.RunOnceAsync());

        Assert.True(queued.Sum() <= 1);
        Assert.Single(await NoticesAsync(id));
    }

    [Fact]
    public async Task No_notice_when_the_safe_contact_rules_stop_it_nor_later_in_the_same_wait()
    {
        // Safe hours 01:00–02:00 UTC; the test clock says 15:00.
        var id = await _host.CreateConversationAsync("help", queuedUtc: _host.Clock.GetUtcNow().UtcDateTime, texter: t =>
        {
            t.SafeWindowStart = new TimeOnly(1, 0);
            t.SafeWindowEnd = new TimeOnly(2, 0);
            t.TimeZoneId = "UTC";
        });
        var optedOut = await _host.CreateConversationAsync("help", texter: t => t.IsOptedOut = true);
        _host.Clock.Advance(TimeSpan.FromMinutes(6));

        await Notices.RunOnceAsync();

        Assert.Empty(await NoticesAsync(id));
        Assert.Empty(await NoticesAsync(optedOut));
        Assert.NotNull((await _host.ConversationAsync(id)).WaitNoticeForQueuedUtc);
    }

    [Fact]
    public async Task A_claimed_conversation_gets_no_notice()
    {
        var advocate = await _host.CreateAdvocateAsync("Ava");
        var id = await FirstTextAsync("I need help");
        Assert.True((await _host.Get<QueueService>().ClaimAsync(advocate, id)).Succeeded);
        _host.Clock.Advance(TimeSpan.FromMinutes(6));

        await Notices.RunOnceAsync();

        Assert.Empty(await NoticesAsync(id));
    }
}
