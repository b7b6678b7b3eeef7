using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BeFree.Tests.Web.Twilio.Support;

public sealed record FakeTwilioRequest(string Path, string? Authorization, IReadOnlyDictionary<string, string> Form, string? ContentType = null)
{
    public string To => Form.GetValueOrDefault("To", "");
    public string Body => Form.GetValueOrDefault("Body", "");
}

/// <summary>
/// Twilio's Messages endpoint as a real loopback listener (Kestrel on 127.0.0.1, a free port).
/// Answers are scripted per recipient number; unscripted sends succeed with a new SID.
/// </summary>
public sealed class FakeTwilioServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Json, string? RetryAfter)>> _scripts = new();
    private readonly ConcurrentQueue<FakeTwilioRequest> _requests = new();
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _media = new();
    private readonly ConcurrentQueue<FakeTwilioRequest> _mediaRequests = new();
    private readonly ConcurrentDictionary<string, string> _mediaStoreBases = new();
    private readonly ConcurrentQueue<FakeTwilioRequest> _deleteRequests = new();
    private readonly ConcurrentQueue<int> _deleteScript = new();
    private volatile TaskCompletionSource _mediaGate = Released();
    private readonly ConcurrentQueue<(string Sid, string To, string From, string Body, DateTime CreatedUtc)> _accepted = new();
    private readonly ConcurrentDictionary<string, int> _hangs = new();
    private readonly ConcurrentQueue<FakeTwilioRequest> _lookups = new();

    private FakeTwilioServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<FakeTwilioRequest> Requests => [.. _requests];

    public IReadOnlyList<FakeTwilioRequest> RequestsTo(string phoneNumber) => _requests.Where(r => r.To == phoneNumber).ToList();

    public static async Task<FakeTwilioServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeTwilioServer(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", (Delegate)server.HandleAsync);
        app.MapGet("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid}", (Delegate)server.HandleMediaRequest);
        app.MapGet("/media-store/{mediaSid}", (Delegate)server.HandleMediaStore);
        app.MapDelete("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid}.json", (Delegate)server.HandleMediaDelete);
        app.MapDelete("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}.json", (Delegate)server.HandleMessageDelete);
        app.MapGet("/2010-04-01/Accounts/{accountSid}/Messages.json", (Delegate)server.HandleList);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single();
        return server;
    }

    /// <summary>The next answers for texts to <paramref name="phoneNumber"/>, in order.</summary>
    public void Script(string phoneNumber, params (int Status, string Json, string? RetryAfter)[] answers)
    {
        var queue = _scripts.GetOrAdd(phoneNumber, _ => new());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Every request for media: Twilio's media URLs, then the store they redirect to.</summary>
    public IReadOnlyList<FakeTwilioRequest> MediaRequests => [.. _mediaRequests];

    /// <summary>
    /// Stores an attachment and returns its URL as Twilio would post it in MediaUrlN, for a made-up
    /// text: BeFree fetches only media of the text it came with, so use the overload with the SID to open it.
    /// </summary>
    public string AddMedia(byte[] content, string contentType)
    {
        var mediaSid = "ME" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _media[mediaSid] = (content, contentType);
        return $"{BaseUrl}/2010-04-01/Accounts/{TwilioWebFactory.AccountSid}/Messages/MM{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}/Media/{mediaSid}";
    }

    /// <summary>Like <see cref="AddMedia(byte[], string)"/>, for the text <paramref name="messageSid"/> (Twilio's media URLs name their text).</summary>
    public string AddMedia(byte[] content, string contentType, string messageSid)
        => AddMediaStoredAt(content, contentType, messageSid, storeBaseUrl: null);

    /// <summary>An attachment whose Twilio URL redirects to <paramref name="storeBaseUrl"/> (another host name for this server) instead of to itself.</summary>
    public string AddMediaStoredAt(byte[] content, string contentType, string messageSid, string? storeBaseUrl)
    {
        var mediaSid = "ME" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _media[mediaSid] = (content, contentType);
        if (storeBaseUrl is not null)
        {
            _mediaStoreBases[mediaSid] = storeBaseUrl;
        }
        return $"{BaseUrl}/2010-04-01/Accounts/{TwilioWebFactory.AccountSid}/Messages/{messageSid}/Media/{mediaSid}";
    }

    private static TaskCompletionSource Released()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    /// <summary>Twilio's media URLs answer only once <see cref="ReleaseMedia"/> is called (each request is recorded on arrival).</summary>
    public void HoldMedia() => _mediaGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseMedia() => _mediaGate.TrySetResult();

    /// <summary>Every DELETE, in order: media first, then messages, as Twilio received them.</summary>
    public IReadOnlyList<FakeTwilioRequest> DeleteRequests => [.. _deleteRequests];

    /// <summary>The next answers to DELETE requests (any resource), in order; then 204.</summary>
    public void ScriptDeletes(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _deleteScript.Enqueue(status);
        }
    }

    private IResult HandleMediaDelete(HttpContext http, string mediaSid)
    {
        var answer = HandleDelete(http);
        if (answer is StatusCodes.Status204NoContent)
        {
            _media.TryRemove(mediaSid, out _);
        }
        return Results.StatusCode(answer);
    }

    private IResult HandleMessageDelete(HttpContext http) => Results.StatusCode(HandleDelete(http));

    private int HandleDelete(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        _deleteRequests.Enqueue(new FakeTwilioRequest(http.Request.Path.Value ?? "", authorization, new Dictionary<string, string>()));
        if (authorization != TwilioWebFactory.BasicAuthorization)
        {
            return StatusCodes.Status401Unauthorized;
        }
        return _deleteScript.TryDequeue(out var scripted) ? scripted : StatusCodes.Status204NoContent;
    }

    /// <summary>Like Twilio: media needs Basic auth, then redirects to a store that needs none.</summary>
    private async Task<IResult> HandleMediaRequest(HttpContext http, string mediaSid)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        _mediaRequests.Enqueue(new FakeTwilioRequest(http.Request.Path.Value ?? "", authorization, new Dictionary<string, string>()));
        await _mediaGate.Task;
        if (authorization != TwilioWebFactory.BasicAuthorization)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        return _media.ContainsKey(mediaSid)
            ? Results.Redirect($"{_mediaStoreBases.GetValueOrDefault(mediaSid, "")}/media-store/{mediaSid}")
            : Results.NotFound();
    }

    private IResult HandleMediaStore(HttpContext http, string mediaSid)
    {
        _mediaRequests.Enqueue(new FakeTwilioRequest(http.Request.Path.Value ?? "", http.Request.Headers.Authorization.ToString(), new Dictionary<string, string>()));
        return _media.TryGetValue(mediaSid, out var media) ? Results.File(media.Content, media.ContentType) : Results.NotFound();
    }

    /// <summary>
    /// The next <paramref name="times"/> texts to <paramref name="phoneNumber"/> are accepted (Twilio has them,
    /// a look-up finds them) but the answer never comes: the client times out.
    /// </summary>
    public void AcceptThenHang(string phoneNumber, int times = 1) => _hangs.AddOrUpdate(phoneNumber, times, (_, n) => n + times);

    /// <summary>While set, Twilio's Messages list answers 500: whether Twilio has a text cannot be known.</summary>
    public bool FailLookups { get; set; }

    /// <summary>Every look-up (GET of the Messages list), with its query as the form.</summary>
    public IReadOnlyList<FakeTwilioRequest> Lookups => [.. _lookups];

    /// <summary>The POSTs Twilio took (answered 201, or accepted and then left hanging) to <paramref name="phoneNumber"/>.</summary>
    public IReadOnlyList<string> AcceptedSidsTo(string phoneNumber) => _accepted.Where(a => a.To == phoneNumber).Select(a => a.Sid).ToList();

    /// <summary>Twilio's Messages list: filtered by To and From, newest first, one page.</summary>
    private IResult HandleList(HttpContext http, string accountSid)
    {
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        _lookups.Enqueue(new FakeTwilioRequest(http.Request.Path.Value ?? "", http.Request.Headers.Authorization.ToString(), query));
        if (http.Request.Headers.Authorization.ToString() != TwilioWebFactory.BasicAuthorization)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        if (FailLookups)
        {
            return Results.Text(Error(500, 20500, "Internal Server Error").Item2, "application/json", statusCode: 500);
        }
        var to = query.GetValueOrDefault("To");
        var from = query.GetValueOrDefault("From");
        var messages = _accepted
            .Where(a => (to is null || a.To == to) && (from is null || a.From == from))
            .OrderByDescending(a => a.CreatedUtc)
            .Select(a => new Dictionary<string, object?>
            {
                ["sid"] = a.Sid,
                ["to"] = a.To,
                ["from"] = a.From,
                ["body"] = a.Body,
                ["status"] = "queued",
                ["date_created"] = a.CreatedUtc.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture),
                ["date_sent"] = null,
            })
            .ToList();
        var uri = $"/2010-04-01/Accounts/{accountSid}/Messages.json{http.Request.QueryString}";
        return Results.Json(new Dictionary<string, object?>
        {
            ["messages"] = messages,
            ["uri"] = uri,
            ["first_page_uri"] = uri,
            ["next_page_uri"] = null,
            ["previous_page_uri"] = null,
            ["page"] = 0,
            ["page_size"] = messages.Count,
        });
    }

    public static (int, string, string?) Error(int status, int code, string message, string? retryAfter = null)
        => (status, $$"""{"code": {{code}}, "message": "{{message}}", "more_info": "https://www.twilio.com/docs/errors/{{code}}", "status": {{status}}}""", retryAfter);

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var request = new FakeTwilioRequest(http.Request.Path.Value ?? "", http.Request.Headers.Authorization.ToString(),
            form.ToDictionary(f => f.Key, f => f.Value.ToString()), http.Request.ContentType);
        _requests.Enqueue(request);
        if (_hangs.TryGetValue(request.To, out var hangs) && hangs > 0 && _hangs.TryUpdate(request.To, hangs - 1, hangs))
        {
            Accept(request);
            // Twilio has it; the client never hears so (it gives up at its own timeout).
            try { await Task.Delay(Timeout.Infinite, http.RequestAborted); } catch (OperationCanceledException) { }
            return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }
        if (_scripts.TryGetValue(request.To, out var script) && script.TryDequeue(out var answer))
        {
            if (answer.RetryAfter is not null)
            {
                http.Response.Headers.RetryAfter = answer.RetryAfter;
            }
            return Results.Text(answer.Json, "application/json", statusCode: answer.Status);
        }
        var sid = Accept(request);
        return Results.Text($$"""{"sid": "{{sid}}", "status": "queued", "to": "{{request.To}}"}""", "application/json", statusCode: (int)HttpStatusCode.Created);
    }

    private string Accept(FakeTwilioRequest request)
    {
        var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _accepted.Enqueue((sid, request.To, request.Form.GetValueOrDefault("From", ""), request.Body, DateTime.UtcNow));
        return sid;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
