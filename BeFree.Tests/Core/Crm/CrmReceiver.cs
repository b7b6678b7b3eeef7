using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Core.Crm;

/// <summary>A CRM on a loopback port: records each POST and answers the scripted status codes in turn (then 200).</summary>
public sealed class CrmReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<(string Body, string? Signature, string? EventId)> Received { get; } = new();
    public ConcurrentQueue<int> Script { get; } = new();
    public string Url { get; private set; } = "";

    private CrmReceiver(WebApplication app) => _app = app;

    public static async Task<CrmReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new CrmReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue((body, request.Headers["BeFree-Signature"].FirstOrDefault(), request.Headers["BeFree-Event-Id"].FirstOrDefault()));
            return Results.StatusCode(receiver.Script.TryDequeue(out var code) ? code : 200);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
