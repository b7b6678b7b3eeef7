using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using BeFree.Tests.Browser;
using BeFree.Tests.Browser.Workspace;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Twilio.Support;
using Npgsql;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeFree.Tests.Cluster;

/// <summary>Two app servers behind nginx share the load: live updates, claims and texts stay right across them.</summary>
[Collection(ClusterCollection.Name)]
[Trait(ClusterCollection.Trait, ClusterCollection.Category)]
public sealed class ClusterTests(ClusterFixture cluster, ITestOutputHelper output)
{
    /// <summary>Records Date.now() when a queue row with the given text is first in the page.</summary>
    private const string WatchForRowScript = """
        (words) => {
            window.befreeRowArrivedAt = 0;
            const seen = () => [...document.querySelectorAll('[data-testid^=queue-row-]')].some(r => r.textContent.includes(words));
            const observer = new MutationObserver(() => {
                if (!window.befreeRowArrivedAt && seen()) { window.befreeRowArrivedAt = Date.now(); observer.disconnect(); }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    [Fact]
    public async Task A_text_taken_by_server_A_shows_within_a_second_on_a_queue_served_by_B_and_simultaneous_claims_through_both_have_one_winner()
    {
        var admin = await cluster.NewPageOnAsync(0);
        await FirstAdminSetupFlowTests.SignInAsync(admin, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        await Expect(admin.GetByTestId("signed-in-user")).ToHaveTextAsync("Bootstrap Admin");
        var run = Guid.NewGuid().ToString("N")[..6];
        var onB = await cluster.SignedInAdvocateAsync(admin, $"ana-{run}@cluster.test", $"Ana {run}", index: 1);
        var onA = await cluster.SignedInAdvocateAsync(admin, $"ben-{run}@cluster.test", $"Ben {run}", index: 0);
        await WorkspaceBrowserSession.OpenQueueAsync(onB);
        await WorkspaceBrowserSession.OpenQueueAsync(onA);

        // Each screen's circuit really is on the server it was pinned to (nginx's log of /_blazor).
        Assert.All(cluster.UpstreamPortsFor(cluster.Affinity[1], "/_blazor"), port => Assert.Equal(cluster.B.Port, port));
        Assert.All(cluster.UpstreamPortsFor(cluster.Affinity[0], "/_blazor"), port => Assert.Equal(cluster.A.Port, port));
        Assert.NotEmpty(cluster.UpstreamPortsFor(cluster.Affinity[1], "/_blazor"));

        // A first text warms server A's pipeline (the other test may just have restarted it): the second one is timed.
        var warmUp = $"is anyone there {run}";
        var warmUpAt = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await cluster.PostInboundAsync(cluster.A, TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), warmUp))).StatusCode);
        await Expect(onB.Locator("[data-testid^=queue-row-]", new() { HasText = warmUp })).ToBeVisibleAsync();
        output.WriteLine($"The first text posted to server A was on server B's queue within {warmUpAt.ElapsedMilliseconds} ms.");

        var words = $"they took my passport {run}";
        foreach (var page in new[] { onB, onA })
        {
            await page.EvaluateAsync(WatchForRowScript, words);
        }
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var response = await cluster.PostInboundAsync(cluster.A, TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), words));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        output.WriteLine($"Server A answered the webhook {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sentAt} ms after it was posted.");
        var rowOnB = onB.Locator("[data-testid^=queue-row-]", new() { HasText = words });
        var rowOnA = onA.Locator("[data-testid^=queue-row-]", new() { HasText = words });
        await Task.WhenAll(Expect(rowOnB).ToBeVisibleAsync(), Expect(rowOnA).ToBeVisibleAsync());
        var elapsedOnB = await onB.EvaluateAsync<long>("window.befreeRowArrivedAt") - sentAt;
        output.WriteLine($"The text posted to server A was on the queue served by server B {elapsedOnB} ms later.");
        Assert.True(elapsedOnB <= 1000, $"The text took {elapsedOnB} ms from server A's webhook to server B's queue.");

        var rowId = await rowOnB.GetAttributeAsync("data-testid");
        var conversationId = int.Parse(rowId!["queue-row-".Length..]);
        await Task.WhenAll(
            onB.GetByTestId($"claim-{conversationId}").ClickAsync(),
            onA.GetByTestId($"claim-{conversationId}").ClickAsync());

        var conversationUrl = new Regex($"/conversations/{conversationId}$");
        var deadline = Stopwatch.StartNew();
        while (!conversationUrl.IsMatch(onA.Url) && !conversationUrl.IsMatch(onB.Url) && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50);
        }
        var bWon = conversationUrl.IsMatch(onB.Url);
        var (winner, loser, winnerName) = bWon ? (onB, onA, $"Ana {run}") : (onA, onB, $"Ben {run}");
        Assert.Matches(conversationUrl, winner.Url);
        await Expect(winner.GetByTestId("thread")).ToContainTextAsync(words);
        // The claimed conversation leaves the loser's queue, served by the other server. The loser's click can land
        // after that live update has already taken the row away (seen on a loaded machine): then it has nothing to
        // claim. A claim that did reach a server is told who won.
        await Expect(loser.GetByTestId($"queue-row-{conversationId}")).ToHaveCountAsync(0);
        Assert.DoesNotMatch(conversationUrl, loser.Url);
        if (await loser.GetByTestId("claim-result").CountAsync() > 0)
        {
            await Expect(loser.GetByTestId("claim-result")).ToHaveTextAsync($"Claimed by {winnerName}.");
        }
        // The database agrees: one holder, the winner.
        await using var db = cluster.OpenDatabase();
        await using var command = new NpgsqlCommand("""
            SELECT u."DisplayName" FROM "Conversations" c JOIN "AspNetUsers" u ON u."Id" = c."AssignedToId" WHERE c."Id" = @id
            """, db);
        command.Parameters.AddWithValue("id", conversationId);
        Assert.Equal(winnerName, (string?)await command.ExecuteScalarAsync());
        output.WriteLine($"The claim went to {winnerName} on server {(bWon ? "B" : "A")}.");
    }

    [Fact]
    public async Task A_server_killed_while_texts_flow_loses_no_text_and_sends_no_reply_twice()
    {
        const int texters = 30;
        // Each texter texts twice; the first text of each gets the automatic acknowledgement: one reply each.
        var numbers = Enumerable.Range(0, texters).Select(_ => TwilioWebhook.NewPhoneNumber()).ToList();
        var texts = numbers.Select(n => (Number: n, Form: TwilioWebhook.Inbound(n, "first text")))
            .Concat(numbers.Select(n => (Number: n, Form: TwilioWebhook.Inbound(n, "second text"))))
            .ToList();
        var sids = texts.Select(t => t.Form.Single(p => p.Key == "MessageSid").Value).ToList();

        var redelivered = 0;
        var posted = 0;
        var killed = new TaskCompletionSource();
        try
        {
            var next = -1;
            var senders = Enumerable.Range(0, 4).Select(async _ =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < texts.Count)
                {
                    // Like Twilio: post to the primary URL; on an error or no answer, deliver again elsewhere.
                    var primary = index % 2 == 0 ? 0 : 1;
                    if (!await TryDeliverAsync(cluster.Servers[primary], texts[index].Form))
                    {
                        Interlocked.Increment(ref redelivered);
                        Assert.True(await TryDeliverAsync(cluster.Servers[1 - primary], texts[index].Form), "The surviving server took the text.");
                    }
                    if (Interlocked.Increment(ref posted) == texts.Count / 3)
                    {
                        // kill -9 while the other senders keep posting.
                        await cluster.A.KillAsync();
                        killed.SetResult();
                    }
                }
            }).ToList();
            await Task.WhenAll(senders);
            Assert.True(killed.Task.IsCompleted);
            output.WriteLine($"{texts.Count} texts posted; {redelivered} were redelivered to server B after server A was killed.");
            Assert.True(redelivered > 0, "Some texts were meant for the killed server.");

            // Every text stored exactly once.
            await using var db = cluster.OpenDatabase();
            await using (var stored = new NpgsqlCommand("""
                SELECT COUNT(*), COUNT(DISTINCT "TwilioSid") FROM "Messages" WHERE "TwilioSid" = ANY(@sids)
                """, db))
            {
                stored.Parameters.AddWithValue("sids", sids.ToArray());
                await using var reader = await stored.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal((texts.Count, texts.Count), (reader.GetInt64(0), reader.GetInt64(1)));
            }

            // Every reply leaves (the killed server's leased ones after the lease), each exactly once.
            var deadline = Stopwatch.StartNew();
            while (await PendingRepliesAsync(db, numbers) > 0 || numbers.Any(n => cluster.Twilio.RequestsTo(n).Count == 0))
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "Every acknowledgement was sent within 30 s.");
                await Task.Delay(100);
            }
            // One reply written per texter (intake took each text once), and each sent once (the sender did not repeat one).
            Assert.All(await RepliesWrittenAsync(db, numbers), written => Assert.Equal(1, written.Value));
            var posts = numbers.ToDictionary(n => n, n => cluster.Twilio.RequestsTo(n).Count);
            Assert.All(posts, p => Assert.Equal(1, p.Value));
        }
        finally
        {
            await cluster.RestartAsync(0);
        }
    }

    /// <summary>Replies to these numbers not yet accepted by Twilio (queued, or leased by a sender).</summary>
    private static async Task<long> PendingRepliesAsync(NpgsqlConnection db, IReadOnlyList<string> numbers)
    {
        await using var command = new NpgsqlCommand("""
            SELECT COUNT(*) FROM "Messages" m
            JOIN "Conversations" c ON c."Id" = m."ConversationId"
            JOIN "Texters" t ON t."Id" = c."TexterId"
            WHERE m."Direction" = 1 AND m."TwilioSid" IS NULL AND m."Status" IN (1, 2) AND t."PhoneNumber" = ANY(@numbers)
            """, db);
        command.Parameters.AddWithValue("numbers", numbers.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Dictionary<string, long>> RepliesWrittenAsync(NpgsqlConnection db, IReadOnlyList<string> numbers)
    {
        await using var command = new NpgsqlCommand("""
            SELECT t."PhoneNumber", COUNT(m."Id") FROM "Texters" t
            JOIN "Conversations" c ON c."TexterId" = t."Id"
            LEFT JOIN "Messages" m ON m."ConversationId" = c."Id" AND m."Direction" = 1
            WHERE t."PhoneNumber" = ANY(@numbers)
            GROUP BY t."PhoneNumber"
            """, db);
        command.Parameters.AddWithValue("numbers", numbers.ToArray());
        var written = numbers.ToDictionary(n => n, _ => 0L);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            written[reader.GetString(0)] = reader.GetInt64(1);
        }
        return written;
    }

    private async Task<bool> TryDeliverAsync(BeFree.Tests.Browser.Support.AppUnderTest server, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        try
        {
            using var response = await cluster.PostInboundAsync(server, form);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
