using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;

namespace BeFree.Benchmarks;

/// <summary>
/// BeFree.Web started in this process exactly as <c>dotnet BeFree.Web.dll</c> would start it (its
/// own Program, on Kestrel), so the benchmark measures the real pipeline. The host is captured
/// through the hosting diagnostics events, the way WebApplicationFactory finds it.
/// </summary>
internal sealed class InProcessApp : IAsyncDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly TaskCompletionSource<IHost> _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _listenerSubscription;
    private readonly List<IDisposable> _eventSubscriptions = [];
    private Thread? _thread;
    private Exception? _failure;

    private InProcessApp(string baseUrl)
    {
        BaseUrl = baseUrl;
        _listenerSubscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public string BaseUrl { get; }

    public IHost Host { get; private set; } = null!;

    public static async Task<InProcessApp> StartAsync(IReadOnlyDictionary<string, string> settings, int port)
    {
        var app = new InProcessApp($"http://127.0.0.1:{port}");
        var args = new List<string> { "--urls", app.BaseUrl };
        foreach (var (key, value) in settings)
        {
            args.Add($"--{key}={value}");
        }
        var entryPoint = typeof(global::Program).Assembly.EntryPoint ?? throw new InvalidOperationException("BeFree.Web has no entry point.");
        void RunProgram()
        {
            try
            {
                entryPoint.Invoke(null, [args.ToArray()]);
            }
            catch (Exception ex)
            {
                app._failure = ex;
                app._built.TrySetException(ex);
            }
        }
        app._thread = new Thread(RunProgram) { IsBackground = true, Name = "BeFree.Web" };
        app._thread.Start();
        app.Host = await app._built.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await app.WaitUntilHealthyAsync();
        return app;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_failure is not null)
            {
                throw new InvalidOperationException("BeFree.Web failed to start.", _failure);
            }
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("BeFree.Web did not become healthy.");
    }

    public async ValueTask DisposeAsync()
    {
        _listenerSubscription.Dispose();
        foreach (var subscription in _eventSubscriptions)
        {
            subscription.Dispose();
        }
        if (Host is not null)
        {
            await Host.StopAsync(TimeSpan.FromSeconds(10));
        }
        _thread?.Join(TimeSpan.FromSeconds(10));
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.Extensions.Hosting")
        {
            lock (_eventSubscriptions)
            {
                _eventSubscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value is { Key: "HostBuilt", Value: IHost host })
        {
            _built.TrySetResult(host);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
