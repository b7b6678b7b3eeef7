using System.Net;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging;
using BeFree.Core.Messaging.TwilioCopies;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Staff;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BeFree.Tests.Web.Twilio;

/// <summary>
/// Twilio's copies of texts and pictures (Live mode against the fake): each attachment is first
/// copied into BeFree's own encrypted store, then its media and the text are deleted at Twilio,
/// from a durable queue with retries; the thread's links keep working from BeFree's copy.
/// </summary>
public sealed class TwilioCopyWebTests : SharedDatabaseTwilioTests
{
    private const string Password = "amber-thistle-harbour-39";
    private const string StatusPath = "/twilio/status";
    /// <summary>A picture no encryption would leave visible: 64 distinct bytes.</summary>
    private static readonly byte[] Picture = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 60).Select(i => (byte)(i * 7 + 3))];

    private TwilioWebFactory _factory = null!;

    protected override async Task StopAppsAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Live against the fake, deleting at once (no wait for Twilio to finish) and retrying fast.</summary>
    private TwilioWebFactory Start(Action<Dictionary<string, string?>>? settings = null)
    {
        var factory = TwilioWebFactory.Live(Twilio.BaseUrl, Database);
        factory.Settings["Twilio:DeleteDelaySeconds"] = "0";
        factory.Settings["Twilio:DeleteRetryBaseDelayMilliseconds"] = "50";
        factory.Settings["Twilio:DeleteRetryMaxDelayMilliseconds"] = "200";
        settings?.Invoke(factory.Settings);
        factory.CreateClient();
        return _factory = factory;
    }

    private static async Task<(string Id, HttpClient Client)> AdvocateAsync(TwilioWebFactory factory)
    {
        var email = $"advocate-{Guid.NewGuid():N}@befree.test";
        var id = await StaffWebSession.CreateReadyAccountAsync(factory, email, Password, StaffRoles.Advocate);
        return (id, await StaffWebSession.SignInAsync(factory, email, Password));
    }

    /// <summary>An MMS with one picture from the texter of a conversation <paramref name="holderId"/> holds.</summary>
    private async Task<(long MessageId, string Sid, string MediaUrl)> MmsAsync(TwilioWebFactory factory, string holderId)
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        await factory.SeedConversationAsync(phone, ConversationStatus.Assigned, holderId);
        var sid = TwilioWebhook.NewMessageSid();
        var url = Twilio.AddMedia(Picture, "image/jpeg", sid);
        var response = await factory.CreateClient().PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, "this is where I am", sid,
            ("NumMedia", "1"), ("MediaUrl0", url), ("MediaContentType0", "image/jpeg")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await factory.CreateDbContextAsync();
        return (await db.Messages.Where(m => m.TwilioSid == sid).Select(m => m.Id).SingleAsync(), sid, url);
    }

    private static async Task<TwilioDeletion> DeletionAsync(TwilioWebFactory factory, long messageId, Func<TwilioDeletion, bool> condition, string what)
        => (await factory.WaitForAsync(db => db.TwilioDeletions.AsNoTracking().SingleOrDefaultAsync(d => d.MessageId == messageId),
            d => d is not null && condition(d), what))!;

    private static string MediaDeletePath(string mediaUrl) => new Uri(mediaUrl).AbsolutePath + ".json";

    private static string MessageDeletePath(string sid) => $"/2010-04-01/Accounts/{TwilioWebFactory.AccountSid}/Messages/{sid}.json";

    [Fact]
    public async Task An_mms_is_kept_encrypted_served_to_the_holder_and_deleted_at_Twilio_media_then_text_once_each()
    {
        var factory = Start();
        var (holderId, holder) = await AdvocateAsync(factory);
        var (messageId, sid, url) = await MmsAsync(factory, holderId);

        await DeletionAsync(factory, messageId, d => d.State == TwilioDeletionState.Done, "Twilio's copy is deleted");

        Assert.Equal([MediaDeletePath(url), MessageDeletePath(sid)], Twilio.DeleteRequests.Select(r => r.Path));
        Assert.All(Twilio.DeleteRequests, r => Assert.Equal(TwilioWebFactory.BasicAuthorization, r.Authorization));
        await using (var db = await factory.CreateDbContextAsync())
        {
            var stored = await db.StoredMedia.AsNoTracking().SingleAsync(s => db.MessageMedia.Any(mm => mm.Id == s.MessageMediaId && mm.MessageId == messageId));
            Assert.Equal("image/jpeg", stored.ContentType);
            Assert.True(stored.ProtectedContent.Length > Picture.Length);
            Assert.Equal(-1, stored.ProtectedContent.AsSpan().IndexOf(Picture.AsSpan(4, 16)));
            var audits = await db.AuditEntries.AsNoTracking().Where(a => a.SubjectId == messageId.ToString()
                && (a.Action == TwilioCopyAuditActions.MediaDeleted || a.Action == TwilioCopyAuditActions.MessageDeleted)).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal([TwilioCopyAuditActions.MediaDeleted, TwilioCopyAuditActions.MessageDeleted], audits.Select(a => a.Action));
            Assert.All(audits, a => Assert.DoesNotContain("this is where I am", a.Details));
            Assert.All(audits, a => Assert.DoesNotContain("+1", a.Details));
        }

        // Twilio no longer has it: the link in the thread serves BeFree's copy, with the same care.
        var mediaRequestsBefore = Twilio.MediaRequests.Count;
        var response = await holder.GetAsync($"/media/{messageId}/0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Picture, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(mediaRequestsBefore, Twilio.MediaRequests.Count);
        var (_, other) = await AdvocateAsync(factory);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/media/{messageId}/0")).StatusCode);
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == MessagingAuditActions.MediaOpened && a.SubjectId == messageId.ToString()));
        }
    }

    [Fact]
    public async Task The_webhook_answers_without_waiting_for_the_copy_which_follows_in_the_background()
    {
        // Requests to Twilio may take a minute here, so a copy made inside the webhook would hold it far past the wait below.
        var factory = Start(s =>
        {
            s["Twilio:RequestTimeoutSeconds"] = "60";
            s["Twilio:SendLeaseSeconds"] = "120";
            s["Twilio:DeleteLeaseSeconds"] = "900";
        });
        var (holderId, holder) = await AdvocateAsync(factory);
        Twilio.HoldMedia();
        try
        {
            // Twilio's media does not answer until released: an inline copy would keep the webhook waiting.
            var (messageId, _, _) = await MmsAsync(factory, holderId).WaitAsync(TimeSpan.FromSeconds(30));
            await factory.WaitUntilAsync(_ => Task.FromResult(Twilio.MediaRequests.Count > 0), "the background copy asks Twilio");
            await using (var db = await factory.CreateDbContextAsync())
            {
                Assert.False(await db.StoredMedia.AnyAsync());
                Assert.Empty(Twilio.DeleteRequests);
            }

            Twilio.ReleaseMedia();

            await DeletionAsync(factory, messageId, d => d.State == TwilioDeletionState.Done, "the copy and the deletion finish");
            Assert.Equal(Picture, await holder.GetByteArrayAsync($"/media/{messageId}/0"));
        }
        finally
        {
            Twilio.ReleaseMedia();
        }
    }

    [Fact]
    public async Task An_item_one_server_is_working_on_is_not_taken_by_another()
    {
        var factory = Start(s =>
        {
            s["Twilio:RequestTimeoutSeconds"] = "60";
            s["Twilio:SendLeaseSeconds"] = "120";
            s["Twilio:DeleteLeaseSeconds"] = "900";
        });
        var (holderId, _) = await AdvocateAsync(factory);
        Twilio.HoldMedia();
        try
        {
            var (messageId, sid, url) = await MmsAsync(factory, holderId);
            await factory.WaitUntilAsync(_ => Task.FromResult(Twilio.MediaRequests.Count > 0), "the worker takes the item and asks Twilio");

            // Another server's pass over the same queue while the first is still copying: the item is leased, not due.
            var nextDue = await factory.Get<TwilioCopyQueue>().RunDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(nextDue > DateTime.UtcNow.AddMinutes(10), $"next due {nextDue:O}");
            Assert.Single(Twilio.MediaRequests);
            Twilio.ReleaseMedia();
            await DeletionAsync(factory, messageId, d => d.State == TwilioDeletionState.Done, "the first server finishes");
            Assert.Equal(2, Twilio.MediaRequests.Count); // Twilio's URL and the store it redirects to, once.
            Assert.Equal([MediaDeletePath(url), MessageDeletePath(sid)], Twilio.DeleteRequests.Select(r => r.Path));
        }
        finally
        {
            Twilio.ReleaseMedia();
        }
    }

    [Fact]
    public async Task A_failing_deletion_is_retried_later_and_shown_until_an_admin_retries_it()
    {
        var factory = Start(s => s["Twilio:DeleteMaxAttempts"] = "2");
        Twilio.ScriptDeletes(500, 500);
        var (holderId, _) = await AdvocateAsync(factory);
        var (messageId, sid, url) = await MmsAsync(factory, holderId);

        var failed = await DeletionAsync(factory, messageId, d => d.State == TwilioDeletionState.Failed, "the deletion gives up");

        Assert.Equal(2, failed.Attempts);
        Assert.Contains("500", failed.LastError);
        // Tried again after the first failure; the text itself was never asked for before its media went.
        Assert.Equal([MediaDeletePath(url), MediaDeletePath(url)], Twilio.DeleteRequests.Select(r => r.Path));
        var queue = factory.Get<TwilioCopyQueue>();
        var adminId = await factory.AdminIdAsync();
        var status = await queue.GetStatusAsync(adminId);
        Assert.Equal(1, status.Failed);
        Assert.Contains("500", status.LatestError);
        var problem = Assert.Single(status.Problems);
        Assert.Equal(messageId, problem.MessageId);
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => queue.GetStatusAsync(holderId));
        var admin = await StaffWebSession.SignInAsync(factory, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        var page = await admin.GetStringAsync("/admin/twilio-copies");
        Assert.Contains("data-testid=\"twilio-copies-problem\"", page);
        Assert.Contains("Gave up", page);
        Assert.Contains("Twilio answered 500", page);
        Assert.Matches("data-testid=\"twilio-copies-failed\">1<", page);
        var (_, advocate) = await AdvocateAsync(factory);
        var refused = await advocate.GetAsync("/admin/twilio-copies");
        Assert.Equal("/Account/AccessDenied", refused.RequestMessage!.RequestUri!.AbsolutePath);
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => queue.RetryAsync(holderId, problem.Id));

        Assert.True(await queue.RetryAsync(adminId, problem.Id));

        await DeletionAsync(factory, messageId, d => d.State == TwilioDeletionState.Done, "the retried deletion is done");
        Assert.Equal([MediaDeletePath(url), MediaDeletePath(url), MediaDeletePath(url), MessageDeletePath(sid)], Twilio.DeleteRequests.Select(r => r.Path));
        status = await queue.GetStatusAsync(adminId);
        Assert.Equal((0, 0, 1), (status.Failed, status.Failing, status.Done));
        await using var db = await factory.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == TwilioCopyAuditActions.DeletionRetried && a.ActorId == adminId));
    }

    [Fact]
    public async Task A_deletion_that_failed_once_shows_as_failing_while_it_waits_for_its_next_try()
    {
        var factory = Start(s => s["Twilio:DeleteRetryBaseDelayMilliseconds"] = s["Twilio:DeleteRetryMaxDelayMilliseconds"] = "3600000");
        Twilio.ScriptDeletes(503);
        var (holderId, _) = await AdvocateAsync(factory);
        var (messageId, _, _) = await MmsAsync(factory, holderId);

        var failing = await DeletionAsync(factory, messageId, d => d.LastError is not null, "the first attempt fails");

        Assert.Equal(TwilioDeletionState.Pending, failing.State);
        Assert.Equal(1, failing.Attempts);
        var status = await factory.Get<TwilioCopyQueue>().GetStatusAsync(await factory.AdminIdAsync());
        Assert.Equal((1, 0), (status.Failing, status.Failed));
        Assert.Contains("503", status.LatestError);
    }

    [Fact]
    public async Task Twilio_answering_404_counts_as_deleted()
    {
        var factory = Start();
        Twilio.ScriptDeletes(404, 404);
        var (holderId, _) = await AdvocateAsync(factory);
        var (messageId, sid, url) = await MmsAsync(factory, holderId);

        var done = await DeletionAsync(factory, messageId, d => d.State == TwilioDeletionState.Done, "the deletion is done");

        Assert.Equal(0, done.Attempts);
        Assert.Equal([MediaDeletePath(url), MessageDeletePath(sid)], Twilio.DeleteRequests.Select(r => r.Path));
        await using var db = await factory.CreateDbContextAsync();
        var details = await db.AuditEntries.Where(a => a.SubjectId == messageId.ToString() && a.Action == TwilioCopyAuditActions.MessageDeleted).Select(a => a.Details).SingleAsync();
        Assert.Contains("already-gone", details);
    }

    [Fact]
    public async Task An_attachment_redirected_off_Twilios_media_hosts_is_not_kept_and_Twilios_copy_stays()
    {
        var factory = Start(s => s["Twilio:DeleteMaxAttempts"] = "1");
        var (holderId, _) = await AdvocateAsync(factory);
        var phone = TwilioWebhook.NewPhoneNumber();
        await factory.SeedConversationAsync(phone, ConversationStatus.Assigned, holderId);
        var sid = TwilioWebhook.NewMessageSid();
        var url = Twilio.AddMediaStoredAt(Picture, "image/jpeg", sid, Twilio.BaseUrl.Replace("127.0.0.1", "localhost"));
        await factory.CreateClient().PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, "", sid, ("NumMedia", "1"), ("MediaUrl0", url), ("MediaContentType0", "image/jpeg")));
        long messageId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            messageId = await db.Messages.Where(m => m.TwilioSid == sid).Select(m => m.Id).SingleAsync();
        }

        var failed = await DeletionAsync(factory, messageId, d => d.State == TwilioDeletionState.Failed, "the copy fails");

        Assert.Contains("not one of its media stores", failed.LastError);
        Assert.DoesNotContain(Twilio.MediaRequests, r => r.Path.StartsWith("/media-store/"));
        Assert.Empty(Twilio.DeleteRequests);
    }

    [Fact]
    public async Task Outbound_texts_are_deleted_at_Twilio_once_final_and_never_while_in_flight()
    {
        var factory = Start();
        var conversationId = await factory.SeedConversationAsync(TwilioWebhook.NewPhoneNumber());
        var (inFlight, delivered) = (TwilioWebhook.NewMessageSid(), TwilioWebhook.NewMessageSid());
        await using (var db = await factory.CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            foreach (var sid in new[] { inFlight, delivered })
            {
                db.Messages.Add(new Message
                {
                    ConversationId = conversationId, Direction = MessageDirection.Outbound, Origin = MessageOrigin.Advocate, Body = "reply",
                    TwilioSid = sid, Status = MessageStatus.Sent, CreatedUtc = now, StatusUpdatedUtc = now,
                });
            }
            await db.SaveChangesAsync();
        }
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(inFlight, "sent"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StatusPath, TwilioWebhook.Status(delivered, "delivered"))).StatusCode);

        await factory.WaitUntilAsync(db => db.TwilioDeletions.AnyAsync(d => d.MessageSid == delivered && d.State == TwilioDeletionState.Done),
            "the delivered text is deleted at Twilio");

        Assert.Equal([MessageDeletePath(delivered)], Twilio.DeleteRequests.Select(r => r.Path));
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.False(await db.TwilioDeletions.AnyAsync(d => d.MessageSid == inFlight));
        }
    }

    [Fact]
    public async Task A_deletion_left_by_a_stopped_server_is_finished_by_the_next_without_fetching_again()
    {
        long messageId;
        string sid, url;
        // The first server copies the picture but must wait before deleting (as Twilio asks), and stops.
        await using (var first = TwilioWebFactory.Live(Twilio.BaseUrl, Database))
        {
            first.Settings["Twilio:DeleteDelaySeconds"] = "3600";
            first.CreateClient();
            var (holderId, _) = await AdvocateAsync(first);
            (messageId, sid, url) = await MmsAsync(first, holderId);
            await first.WaitUntilAsync(db => db.StoredMedia.AnyAsync(s => db.MessageMedia.Any(mm => mm.Id == s.MessageMediaId && mm.MessageId == messageId)),
                "the picture is copied");
        }
        var fetched = Twilio.MediaRequests.Count;
        Assert.Empty(Twilio.DeleteRequests);
        // Time has passed: the wait is over, and the stopped server's claim on the item has run out.
        await using (var db = Database.CreateContext())
        {
            var past = DateTime.UtcNow.AddSeconds(-1);
            await db.TwilioDeletions.Where(d => d.MessageId == messageId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.DeleteNotBeforeUtc, past).SetProperty(d => d.NextAttemptUtc, past));
        }

        var second = Start();

        await DeletionAsync(second, messageId, d => d.State == TwilioDeletionState.Done, "the next server finishes the deletion");
        Assert.Equal([MediaDeletePath(url), MessageDeletePath(sid)], Twilio.DeleteRequests.Select(r => r.Path));
        Assert.Equal(fetched, Twilio.MediaRequests.Count);
    }

    [Fact]
    public async Task The_simulated_Twilio_deletes_nothing_and_calls_nothing()
    {
        var factory = TwilioWebFactory.Live(Twilio.BaseUrl, Database);
        factory.Settings["Twilio:Mode"] = "Simulated";
        factory.Settings["Twilio:DeleteDelaySeconds"] = "0";
        factory.CreateClient();
        _factory = factory;
        var (holderId, _) = await AdvocateAsync(factory);
        await MmsAsync(factory, holderId);

        // The worker stood down at start: nothing will ever copy or delete.
        var worker = factory.Services.GetServices<IHostedService>().OfType<TwilioCopyWorker>().Single();
        Assert.True(worker.ExecuteTask?.IsCompleted);
        await using var db = await factory.CreateDbContextAsync();
        Assert.False(await db.TwilioDeletions.AnyAsync());
        Assert.False(await db.StoredMedia.AnyAsync());
        Assert.Empty(Twilio.MediaRequests);
        Assert.Empty(Twilio.DeleteRequests);
    }
}
