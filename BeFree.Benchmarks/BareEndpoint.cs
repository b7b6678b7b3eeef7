using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BeFree.Benchmarks;

/// <summary>
/// The baseline: a minimal Kestrel endpoint that reads the same form and inserts one row per
/// request into its own SQLite file (WAL, pooled connections, same busy timeout as the app),
/// one writer at a time like the app.
/// </summary>
internal sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<BareEndpoint> StartAsync(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS Inbound (Id INTEGER PRIMARY KEY, MessageSid TEXT NOT NULL UNIQUE, PhoneFrom TEXT NOT NULL, Body TEXT NOT NULL, CreatedUtc TEXT NOT NULL);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        // One INSERT at a time, as SQLite takes one writer. Without the gate the concurrent
        // connections spend their time asleep in SQLite's busy handler and the baseline swings
        // tenfold from run to run (113 to 2300 req/s measured), which makes any ratio noise.
        var writer = new SemaphoreSlim(1, 1);
        app.MapPost("/bare", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO Inbound (MessageSid, PhoneFrom, Body, CreatedUtc) VALUES ($sid, $from, $body, $created)";
            command.Parameters.AddWithValue("$sid", form["MessageSid"].ToString());
            command.Parameters.AddWithValue("$from", form["From"].ToString());
            command.Parameters.AddWithValue("$body", form["Body"].ToString());
            command.Parameters.AddWithValue("$created", DateTime.UtcNow.ToString("O"));
            await writer.WaitAsync();
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                writer.Release();
            }
            return Results.Ok();
        });
        await app.StartAsync();
        return new BareEndpoint(app, app.Urls.Single() + "/bare");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
