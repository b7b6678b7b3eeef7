using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BeFree.Benchmarks;

/// <summary>
/// The baseline: a minimal Kestrel endpoint that reads the same form and inserts one row per
/// request into its own database of the app's kind (SQLite: WAL, pooled connections, same busy
/// timeout as the app, one writer at a time like the app; PostgreSQL: concurrent inserts).
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

    public static async Task<BareEndpoint> StartAsync(BenchmarkDatabases database)
    {
        await using (var connection = database.OpenBareConnection())
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = database.IsPostgres
                ? "CREATE TABLE IF NOT EXISTS Inbound (Id bigserial PRIMARY KEY, MessageSid text NOT NULL UNIQUE, PhoneFrom text NOT NULL, Body text NOT NULL, CreatedUtc text NOT NULL);"
                : """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS Inbound (Id INTEGER PRIMARY KEY, MessageSid TEXT NOT NULL UNIQUE, PhoneFrom TEXT NOT NULL, Body TEXT NOT NULL, CreatedUtc TEXT NOT NULL);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        // One INSERT at a time on SQLite, as SQLite takes one writer. Without the gate the concurrent
        // connections spend their time asleep in SQLite's busy handler and the baseline swings
        // tenfold from run to run (113 to 2300 req/s measured), which makes any ratio noise.
        // PostgreSQL takes concurrent inserts.
        var writer = database.IsPostgres ? null : new SemaphoreSlim(1, 1);
        app.MapPost("/bare", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            await using var connection = database.OpenBareConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = database.IsPostgres
                ? "INSERT INTO Inbound (MessageSid, PhoneFrom, Body, CreatedUtc) VALUES (@sid, @from, @body, @created)"
                : "INSERT INTO Inbound (MessageSid, PhoneFrom, Body, CreatedUtc) VALUES ($sid, $from, $body, $created)";
            AddParameter(command, "sid", form["MessageSid"].ToString());
            AddParameter(command, "from", form["From"].ToString());
            AddParameter(command, "body", form["Body"].ToString());
            AddParameter(command, "created", DateTime.UtcNow.ToString("O"));
            if (writer is not null)
            {
                await writer.WaitAsync();
            }
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                writer?.Release();
            }
            return Results.Ok();
        });
        await app.StartAsync();
        return new BareEndpoint(app, app.Urls.Single() + "/bare");
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
