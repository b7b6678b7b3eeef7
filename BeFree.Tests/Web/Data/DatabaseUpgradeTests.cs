using BeFree.Core.Data;
using BeFree.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Data;

/// <summary>A database file made by the first released schema upgrades in place at start-up, losing nothing.</summary>
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class DatabaseUpgradeTests
{
    [Fact]
    public async Task A_database_from_the_first_version_is_upgraded_in_place_with_its_data()
    {
        using var factory = new BeFreeWebFactory();
        Directory.CreateDirectory(factory.DataFolder);
        var connectionString = $"Data Source={factory.DatabasePath}";

        // 1. Build the oldest schema and fill it with rows written in that version's shape.
        await using (var oldDb = DatabaseConfiguration.CreateStandaloneContext(new DatabaseOptions { ConnectionString = connectionString }))
        {
            var migrations = oldDb.Database.GetMigrations().ToList();
            var first = migrations.First();
            await oldDb.GetService<IMigrator>().MigrateAsync(first);
            Assert.Equal([first], await oldDb.Database.GetAppliedMigrationsAsync());
        }
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed,
                    TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DisplayName, IsActive, MaxConcurrentConversations,
                    MustChangePassword, TwoFactorExempt, CreatedUtc, SecurityStamp)
                VALUES ('old-advocate', 'old@befree.test', 'OLD@BEFREE.TEST', 'old@befree.test', 'OLD@BEFREE.TEST', 1, 0, 0, 1, 0,
                    'Old Advocate', 1, 4, 0, 0, '2026-01-02 03:04:05', 'stamp');
                INSERT INTO AuditEntries (OccurredUtc, ActorId, ActorName, Action, SubjectType, SubjectId, Details)
                VALUES ('2026-01-02 03:04:05', 'old-advocate', 'Old Advocate', 'signin.succeeded', 'staff', 'old-advocate', 'password');
                INSERT INTO Texters (PhoneNumber, FirstSeenUtc, IsOptedOut, DoNotTextBack, NeutralWordingReminder)
                VALUES ('+15550001111', '2026-01-02 03:04:05', 0, 0, 0);
                INSERT INTO Conversations (TexterId, Status, CreatedUtc, QueuedUtc, LastMessageUtc, Risk, IsTraining, IsReturning, OptOutAlert, UnreadCount)
                VALUES (1, 0, '2026-01-02 03:04:05', '2026-01-02 03:04:05', '2026-01-02 03:04:05', 3, 0, 0, 0, 0);
                INSERT INTO Messages (ConversationId, Direction, Origin, TwilioSid, Body, CreatedUtc, Status, StatusUpdatedUtc, SendAttempts, NumMedia)
                VALUES (1, 0, 0, 'SM00000000000000000000000000000001', 'help me 🙏', '2026-01-02 03:04:05', 0, '2026-01-02 03:04:05', 0, 0);
                """;
            await insert.ExecuteNonQueryAsync();
        }

        // 2. The current app starts on that file: it migrates, and every row is still there.
        factory.Settings["Bootstrap:AdminEmail"] = null;
        factory.Settings["Bootstrap:AdminPassword"] = null;
        factory.CreateClient();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var advocate = await db.Users.AsNoTracking().SingleAsync(u => u.Id == "old-advocate");
        Assert.Equal("Old Advocate", advocate.DisplayName);
        Assert.Equal(4, advocate.MaxConcurrentConversations);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.ActorId == "old-advocate"));
        var message = await db.Messages.AsNoTracking().Include(m => m.Conversation).SingleAsync();
        Assert.Equal("help me 🙏", message.Body);
        Assert.Equal(BeFree.Core.Risk.RiskLevel.High, message.Conversation.Risk);
        Assert.Equal(DateTimeKind.Utc, message.CreatedUtc.Kind);
    }
}
