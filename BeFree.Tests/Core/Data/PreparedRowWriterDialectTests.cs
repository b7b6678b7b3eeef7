using BeFree.Core.Conversations;
using BeFree.Core.Data;

namespace BeFree.Tests.Core.Data;

/// <summary>
/// The inbound writer's statements in each provider's dialect, built from the model without a
/// connection. SQLite and PostgreSQL also run them in the two test passes; SQL Server cannot run
/// here, so its text is checked.
/// </summary>
public sealed class PreparedRowWriterDialectTests
{
    private static BeFreeDbContext Context(DatabaseProvider provider) => DatabaseConfiguration.CreateStandaloneContext(new DatabaseOptions
    {
        Provider = provider.ToString(),
        ConnectionString = provider switch
        {
            DatabaseProvider.PostgreSQL => "Host=localhost;Database=befree_never_opened",
            DatabaseProvider.SqlServer => "Server=localhost;Database=befree_never_opened",
            _ => "Data Source=befree-never-opened.db",
        },
    });

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "UPDATE \"Conversations\" SET \"LastMessageUtc\" = @p0, \"UnreadCount\" = @p1 WHERE \"Id\" = @p2")]
    [InlineData(DatabaseProvider.PostgreSQL, "UPDATE \"Conversations\" SET \"LastMessageUtc\" = @p0, \"UnreadCount\" = @p1 WHERE \"Id\" = @p2")]
    [InlineData(DatabaseProvider.SqlServer, "UPDATE [Conversations] SET [LastMessageUtc] = @p0, [UnreadCount] = @p1 WHERE [Id] = @p2")]
    public void An_update_is_written_in_the_providers_dialect(DatabaseProvider provider, string expected)
    {
        using var db = Context(provider);
        Assert.Equal(expected, PreparedRowWriter<Conversation>.UpdateSql(db, nameof(Conversation.LastMessageUtc), nameof(Conversation.UnreadCount)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "INSERT INTO \"Messages\" (", "\"Body\"", "@p0")]
    [InlineData(DatabaseProvider.PostgreSQL, "INSERT INTO \"Messages\" (", "\"Body\"", "@p0")]
    [InlineData(DatabaseProvider.SqlServer, "INSERT INTO [Messages] (", "[Body]", "@p0")]
    public void An_insert_names_every_column_but_the_generated_key_in_the_providers_dialect(DatabaseProvider provider, string start, string bodyColumn, string firstParameter)
    {
        using var db = Context(provider);
        var sql = PreparedRowWriter<Message>.InsertSql(db);
        Assert.StartsWith(start, sql);
        Assert.Contains(bodyColumn, sql);
        Assert.Contains($"VALUES ({firstParameter}, ", sql);
        Assert.DoesNotContain(provider == DatabaseProvider.SqlServer ? "[Id]" : "\"Id\"", sql);
        var columns = sql[(sql.IndexOf('(') + 1)..sql.IndexOf(')')].Split(", ").Length;
        var values = sql[(sql.LastIndexOf('(') + 1)..sql.LastIndexOf(')')].Split(", ").Length;
        Assert.Equal(columns, values);
    }
}
