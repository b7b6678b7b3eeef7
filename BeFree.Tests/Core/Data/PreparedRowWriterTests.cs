using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Risk;
using BeFree.Tests.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Data;

/// <summary>The inbound writer's prepared statements must write exactly what SaveChanges would.</summary>
public sealed class PreparedRowWriterTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkspaceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_inserted_row_reads_back_through_EF_with_every_value_and_conversion_intact()
    {
        var conversationId = await _host.CreateConversationAsync();
        var created = new DateTime(2026, 7, 15, 15, 0, 1, 234, DateTimeKind.Utc).AddTicks(5);
        var written = new Message
        {
            ConversationId = conversationId,
            Direction = MessageDirection.Outbound,
            Origin = MessageOrigin.Automatic,
            TwilioSid = "SM" + Guid.NewGuid().ToString("N"),
            Body = "Ünïcode ✓ and a 'quote'",
            CreatedUtc = created,
            Status = MessageStatus.Queued,
            StatusUpdatedUtc = created,
            SendAttempts = 2,
            NextAttemptUtc = created.AddMinutes(1),
            IsOptOutConfirmation = true,
            NumMedia = 1,
        };

        await using (var db = await _host.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var insert = PreparedRowWriter<Message>.Insert(db);
            Assert.Equal(1, await insert.WriteAsync(written, CancellationToken.None));
            await transaction.CommitAsync();
        }

        await using var check = await _host.DbAsync();
        var read = await check.Messages.AsNoTracking().SingleAsync(m => m.TwilioSid == written.TwilioSid);
        Assert.True(read.Id > 0);
        Assert.Equal(conversationId, read.ConversationId);
        Assert.Equal(MessageDirection.Outbound, read.Direction);
        Assert.Equal(MessageOrigin.Automatic, read.Origin);
        Assert.Equal(written.Body, read.Body);
        // Every provider keeps microseconds (PostgreSQL's precision): the extra 500 ns are dropped.
        var createdToTheMicrosecond = created.AddTicks(-5);
        Assert.Equal(createdToTheMicrosecond, read.CreatedUtc);
        Assert.Equal(DateTimeKind.Utc, read.CreatedUtc.Kind);
        Assert.Equal(MessageStatus.Queued, read.Status);
        Assert.Equal(2, read.SendAttempts);
        Assert.Equal(createdToTheMicrosecond.AddMinutes(1), read.NextAttemptUtc);
        Assert.Null(read.SentById);
        Assert.Null(read.ErrorCode);
        Assert.True(read.IsOptOutConfirmation);
        Assert.Equal(1, read.NumMedia);
        // And ordering by time still works against rows EF wrote (same text format).
        var latest = await check.Messages.Where(m => m.ConversationId == conversationId).OrderByDescending(m => m.CreatedUtc).FirstAsync();
        Assert.Equal(read.Id, latest.Id);
    }

    [Fact]
    public async Task An_update_writes_only_the_named_columns_of_the_row_with_that_key()
    {
        var first = await _host.CreateConversationAsync();
        var second = await _host.CreateConversationAsync();
        Conversation changed;
        Conversation secondBefore;
        await using (var db = await _host.DbAsync())
        {
            changed = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == first);
            secondBefore = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == second);
        }
        var lastMessage = new DateTime(2026, 7, 15, 16, 0, 0, DateTimeKind.Utc);
        changed.LastMessageUtc = lastMessage;
        changed.UnreadCount = 4;
        changed.Risk = RiskLevel.Imminent; // not named: must not be written
        changed.FromCity = null;

        await using (var db = await _host.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var update = PreparedRowWriter<Conversation>.Update(db, nameof(Conversation.LastMessageUtc), nameof(Conversation.UnreadCount), nameof(Conversation.FromCity));
            Assert.Equal(1, await update.WriteAsync(changed, CancellationToken.None));
            await transaction.CommitAsync();
        }

        await using var check = await _host.DbAsync();
        var read = await check.Conversations.AsNoTracking().SingleAsync(c => c.Id == first);
        Assert.Equal(lastMessage, read.LastMessageUtc);
        Assert.Equal(4, read.UnreadCount);
        Assert.Null(read.FromCity);
        Assert.Equal(RiskLevel.Unknown, read.Risk);
        var untouched = await check.Conversations.AsNoTracking().SingleAsync(c => c.Id == second);
        Assert.Equal(secondBefore.LastMessageUtc, untouched.LastMessageUtc);
        Assert.Equal(secondBefore.UnreadCount, untouched.UnreadCount);
    }

    [Fact]
    public async Task A_row_the_database_refuses_is_reported_like_SaveChanges_reports_it_and_rolls_back_with_the_transaction()
    {
        var conversationId = await _host.CreateConversationAsync();
        var sid = "SM" + Guid.NewGuid().ToString("N");
        Message NewMessage(string body) => new()
        {
            ConversationId = conversationId,
            Direction = MessageDirection.Inbound,
            TwilioSid = sid,
            Body = body,
            CreatedUtc = _host.Clock.GetUtcNow().UtcDateTime,
            StatusUpdatedUtc = _host.Clock.GetUtcNow().UtcDateTime,
        };

        await using (var db = await _host.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var insert = PreparedRowWriter<Message>.Insert(db);
            await insert.WriteAsync(NewMessage("first"), CancellationToken.None);
            await Assert.ThrowsAsync<DbUpdateException>(() => insert.WriteAsync(NewMessage("same sid again"), CancellationToken.None));
            // Not committed: disposing rolls back the first row too.
        }

        await using var check = await _host.DbAsync();
        Assert.False(await check.Messages.AnyAsync(m => m.TwilioSid == sid));
    }

    [Fact]
    public async Task Many_rows_written_at_once_all_read_back_in_order_and_updates_change_each_row()
    {
        var conversations = new[] { await _host.CreateConversationAsync(), await _host.CreateConversationAsync() };
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        var written = Enumerable.Range(0, 5).Select(i => new Message
        {
            ConversationId = conversations[i % 2],
            Direction = MessageDirection.Inbound,
            TwilioSid = "SM" + Guid.NewGuid().ToString("N"),
            Body = "text " + i,
            CreatedUtc = now,
            StatusUpdatedUtc = now,
        }).ToList();
        await using (var db = await _host.DbAsync())
        {
            var touched = await db.Conversations.AsNoTracking().Where(c => conversations.Contains(c.Id)).ToListAsync();
            foreach (var conversation in touched)
            {
                conversation.UnreadCount = 3 + conversation.Id;
            }
            await using var transaction = await db.Database.BeginTransactionAsync();
            using (var insert = PreparedRowWriter<Message>.Insert(db))
            {
                Assert.Equal(5, await insert.WriteAllAsync(written, CancellationToken.None));
            }
            using (var update = PreparedRowWriter<Conversation>.Update(db, nameof(Conversation.UnreadCount)))
            {
                Assert.Equal(2, await update.WriteAllAsync(touched, CancellationToken.None));
            }
            await transaction.CommitAsync();
        }

        await using var check = await _host.DbAsync();
        var sids = written.Select(m => m.TwilioSid).ToList();
        var read = await check.Messages.AsNoTracking().Where(m => sids.Contains(m.TwilioSid)).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(sids, read.Select(m => m.TwilioSid)); // Ids follow the order written.
        Assert.Equal(written.Select(m => (m.ConversationId, m.Body)), read.Select(m => (m.ConversationId, m.Body)));
        var unread = await check.Conversations.AsNoTracking().Where(c => conversations.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.UnreadCount);
        Assert.All(conversations, id => Assert.Equal(3 + id, unread[id]));
    }

    [Fact]
    public async Task One_refused_row_among_many_fails_the_call_and_nothing_of_it_commits()
    {
        var conversationId = await _host.CreateConversationAsync();
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        var repeated = "SM" + Guid.NewGuid().ToString("N");
        var rows = new[] { "SM" + Guid.NewGuid().ToString("N"), repeated, repeated }.Select(sid => new Message
        {
            ConversationId = conversationId,
            Direction = MessageDirection.Inbound,
            TwilioSid = sid,
            Body = "hello",
            CreatedUtc = now,
            StatusUpdatedUtc = now,
        }).ToList();

        await using (var db = await _host.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var insert = PreparedRowWriter<Message>.Insert(db);
            await Assert.ThrowsAsync<DbUpdateException>(() => insert.WriteAllAsync(rows, CancellationToken.None));
        }

        await using var check = await _host.DbAsync();
        var sids = rows.Select(m => m.TwilioSid).ToList();
        Assert.False(await check.Messages.AnyAsync(m => sids.Contains(m.TwilioSid)));
    }

    [Fact]
    public async Task Writing_outside_a_transaction_is_refused()
    {
        await using var db = await _host.DbAsync();
        Assert.Throws<InvalidOperationException>(() => PreparedRowWriter<Message>.Insert(db));
    }
}
