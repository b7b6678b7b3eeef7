using System.Data.Common;
using System.Net;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Twilio.Support;
using BeFree.Web.Endpoints;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

public sealed class DatabaseFailureFactory : TwilioWebFactory
{
    public DatabaseFailureFactory()
    {
        // Give up on a locked database after one second instead of thirty.
        Settings["Database:BusyTimeoutSeconds"] = "1";
        Settings["Twilio:FirstContactReply"] = "";
    }
}

[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class DatabaseFailureTests(DatabaseFailureFactory factory) : IClassFixture<DatabaseFailureFactory>
{
    [Fact]
    public async Task When_the_database_cannot_be_written_the_webhook_answers_503_stores_nothing_and_the_retry_succeeds()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var phone = TwilioWebhook.NewPhoneNumber();
        var sid = TwilioWebhook.NewMessageSid();
        var form = TwilioWebhook.Inbound(phone, "please help", sid);

        // Another writer holds the database: every write waits, then fails.
        await using (var blocker = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using (var command = blocker.CreateCommand())
            {
                command.CommandText = "BEGIN IMMEDIATE;";
                await command.ExecuteNonQueryAsync();
            }

            var response = await client.PostSignedAsync("/twilio/sms", form);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

            // Several at once (written as one batch) all fail the same way.
            var others = Enumerable.Range(0, 4).Select(i => TwilioWebhook.Inbound(phone, $"other {i}")).ToList();
            var answers = await Task.WhenAll(others.Select(f => client.PostSignedAsync("/twilio/sms", f)));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.False(await db.Messages.AnyAsync(m => m.TwilioSid == sid));
            Assert.False(await db.Texters.AnyAsync(t => t.PhoneNumber == phone));
        }

        // Twilio retries the same webhook: now it is stored, once.
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync("/twilio/sms", form)).StatusCode);
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(1, await db.Messages.CountAsync(m => m.TwilioSid == sid));
        }
    }

    [Fact]
    public void Database_errors_map_to_503_and_anything_else_to_500()
    {
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new SqliteException("database is locked", 5)));
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new DbUpdateException("commit failed")));
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new TimeoutException()));
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new InvalidOperationException("wrapped", new SqliteException("disk I/O error", 10))));
        Assert.Equal(500, TwilioEndpoints.StatusCodeFor(new InvalidOperationException("a bug")));
        Assert.Equal(500, TwilioEndpoints.StatusCodeFor(new NullReferenceException()));
        Assert.IsAssignableFrom<DbException>(new SqliteException("x", 1));
    }
}
