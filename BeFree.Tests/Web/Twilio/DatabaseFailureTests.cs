using System.Data.Common;
using System.Net;
using BeFree.Core.Data;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Twilio.Support;
using BeFree.Web.Endpoints;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
        await using (await HoldWriteLockAsync())
        {
            var response = await client.PostSignedAsync("/twilio/sms", form);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

            // Several at once (written as one batch) all fail the same way.
            var others = Enumerable.Range(0, 4).Select(i => TwilioWebhook.Inbound(phone, $"other {i}")).ToList();
            var answers = await Task.WhenAll(others.Select(f => client.PostSignedAsync("/twilio/sms", f)));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
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

    /// <summary>
    /// Another session holding the write lock until disposed, in the provider's own way: SQLite's one
    /// writer lock, or on PostgreSQL a lock on the texters table, which every inbound text reads first.
    /// </summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        DbConnection blocker = TestDatabase.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False")
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await blocker.OpenAsync();
        await using var command = blocker.CreateCommand();
        command.CommandText = TestDatabase.Provider == DatabaseProvider.Sqlite
            ? "BEGIN IMMEDIATE;"
            // One table only: waiting for no second lock, the blocker cannot deadlock with the app's own work.
            : "BEGIN; LOCK TABLE \"Texters\" IN ACCESS EXCLUSIVE MODE;";
        await command.ExecuteNonQueryAsync();
        return new LockHolder(blocker);
    }

    private sealed class LockHolder(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public void Database_errors_map_to_503_and_anything_else_to_500()
    {
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", "57014")));
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new SqliteException("database is locked", 5)));
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new DbUpdateException("commit failed")));
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new TimeoutException()));
        Assert.Equal(503, TwilioEndpoints.StatusCodeFor(new InvalidOperationException("wrapped", new SqliteException("disk I/O error", 10))));
        Assert.Equal(500, TwilioEndpoints.StatusCodeFor(new InvalidOperationException("a bug")));
        Assert.Equal(500, TwilioEndpoints.StatusCodeFor(new NullReferenceException()));
        Assert.IsAssignableFrom<DbException>(new SqliteException("x", 1));
    }
}
