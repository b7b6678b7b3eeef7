using System.Text;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Retention;
using BeFree.Tests.Core.Conversations;
using BeFree.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Retention;

/// <summary>
/// Retention erases for real: the text is gone from the database's files, not just from its rows
/// (SQLite), and the rewritten tables are vacuumed after the pass (PostgreSQL).
/// </summary>
public sealed class RetentionErasureTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 7, 15, 15, 0, 0, DateTimeKind.Utc);
    private WorkspaceHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Retention:EraseBodiesAfterDays"] = "30" });
        _host.Clock.SetUtcNow(Now);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A conversation closed 40 days ago whose only text is <paramref name="body"/>.</summary>
    private async Task<int> ClosedLongAgoAsync(string body)
    {
        var advocate = await _host.CreateAdvocateAsync("Avery Advocate");
        var id = await _host.CreateConversationAsync(body, assignedTo: advocate);
        await using var db = await _host.DbAsync();
        await db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.Status, ConversationStatus.Closed)
            .SetProperty(c => c.ClosedUtc, Now.AddDays(-40)));
        return id;
    }

    /// <summary>Every byte of the database: the file and its write-ahead log, read while the app has them open.</summary>
    private byte[] DatabaseFileBytes()
    {
        var path = new SqliteConnectionStringBuilder(_host.Database.ConnectionString).DataSource;
        using var all = new MemoryStream();
        foreach (var file in new[] { path, path + "-wal", path + "-journal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }
        return all.ToArray();
    }

    private static bool Holds(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    [Fact]
    [Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
    public async Task On_SQLite_the_erased_text_is_no_longer_anywhere_in_the_database_files()
    {
        var secret = "took my passport at the motel " + Guid.NewGuid().ToString("N");
        var kept = "still open " + Guid.NewGuid().ToString("N");
        // A long text between kept ones on the same page: erasing it frees space in the middle of the page.
        await _host.CreateConversationAsync(kept);
        await ClosedLongAgoAsync(secret + " " + new string('.', 400) + " " + secret);
        await _host.CreateConversationAsync(kept);
        Assert.True(Holds(DatabaseFileBytes(), secret), "the text should be in the file before retention");

        var run = await _host.Get<RetentionService>().RunOnceAsync();

        Assert.Equal(1, run.MessagesErased);
        var after = DatabaseFileBytes();
        Assert.False(Holds(after, secret), "the erased text is still in the database file or its write-ahead log");
        Assert.True(Holds(after, kept));
    }

    [Fact]
    public async Task After_a_pass_that_erased_text_the_database_reclaims_the_space()
    {
        await ClosedLongAgoAsync("he has my papers " + Guid.NewGuid().ToString("N"));

        await _host.Get<RetentionService>().RunOnceAsync();

        await using var db = await _host.DbAsync();
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            // The TRUNCATE checkpoint empties the write-ahead log, which held the old pages.
            var path = new SqliteConnectionStringBuilder(_host.Database.ConnectionString).DataSource;
            Assert.Equal(0, new FileInfo(path + "-wal").Length);
            return;
        }
        var vacuumed = await db.Database.SqlQueryRaw<string>(
                """SELECT relname AS "Value" FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL""")
            .ToListAsync();
        Assert.Contains("Messages", vacuumed);
        Assert.Contains("MessageMedia", vacuumed);
        Assert.Contains("Conversations", vacuumed);
        Assert.Contains("RiskAssessments", vacuumed);
    }
}
