using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace BeFree.Tests.Browser.Support;

/// <summary>
/// The built BeFree.Web app started as its own process on a free loopback port, with its own
/// SQLite file: what a person would run, so the browser tests see real Kestrel, real static
/// assets and real circuits.
/// </summary>
public sealed class AppUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _dataFolder;

    private AppUnderTest(Process process, string baseUrl, string dataFolder)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataFolder = dataFolder;
    }

    public string BaseUrl { get; }

    public string DatabasePath => Path.Combine(_dataFolder, "befree.db");

    public IEnumerable<string> Output => _output;

    /// <param name="port">A given loopback port (to restart a server where a proxy expects it); a free one by default.</param>
    public static async Task<AppUnderTest> StartAsync(IDictionary<string, string>? settings = null, int? port = null)
    {
        var webProjectFolder = Path.Combine(RepositoryRoot(), "BeFree.Web");
        var executable = FindWebExecutable(webProjectFolder);
        port ??= FreeLoopbackPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var dataFolder = Path.Combine(Path.GetTempPath(), "befree-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = webProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ASPNETCORE_CONTENTROOT"] = webProjectFolder;
        start.Environment["ConnectionStrings__BeFree"] = $"Data Source={Path.Combine(dataFolder, "befree.db")}";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start BeFree.Web.");
        var app = new AppUnderTest(process, baseUrl, dataFolder);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return app;
    }

    /// <summary>The one-time first-admin link the app logs at start-up while no account exists.</summary>
    public async Task<string> WaitForSetupLinkAsync(TimeSpan timeout)
    {
        var pattern = new Regex(@"(http://\S+/setup\?token=[0-9a-f]+)");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in _output)
            {
                var match = pattern.Match(line);
                if (match.Success)
                {
                    return match.Groups[1].Value;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The app did not log a setup link. Output:\n" + string.Join('\n', _output));
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"BeFree.Web exited with code {_process.ExitCode}. Output:\n{string.Join('\n', _output)}");
            }
            try
            {
                var response = await http.GetAsync($"{BaseUrl}/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("BeFree.Web did not become healthy. Output:\n" + string.Join('\n', _output));
    }

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>Ends the process at once with SIGKILL, as a crash or `kill -9` would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BeFree.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("BeFree.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The web project's own build output, in the same configuration as these tests.</summary>
    private static string FindWebExecutable(string webProjectFolder)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var candidates = Directory.Exists(Path.Combine(webProjectFolder, "bin", configuration))
            ? Directory.GetFiles(Path.Combine(webProjectFolder, "bin", configuration), "BeFree.Web", SearchOption.AllDirectories)
            : [];
        return candidates.OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new FileNotFoundException($"Build BeFree.Web ({configuration}) before running the browser tests.");
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
