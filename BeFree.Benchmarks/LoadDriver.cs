using System.Diagnostics;
using System.Net.Http.Headers;

namespace BeFree.Benchmarks;

/// <summary>One prepared request: the encoded form and, for the app, its Twilio signature.</summary>
internal sealed record PreparedRequest(byte[] Body, string? Signature);

internal sealed record LoadResult(int Requests, int Failures, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        var sorted = LatenciesMs.Order().ToArray();
        var index = Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index];
    }
}

/// <summary>Posts prepared requests at a fixed concurrency over keep-alive connections.</summary>
internal static class LoadDriver
{
    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    public static async Task<LoadResult> RunAsync(string url, IReadOnlyList<PreparedRequest> requests, int concurrency)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new double[requests.Count];
        var failures = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                var prepared = requests[i];
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(prepared.Body) };
                request.Content.Headers.ContentType = FormContentType;
                if (prepared.Signature is not null)
                {
                    request.Headers.Add("X-Twilio-Signature", prepared.Signature);
                }
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();
        return new LoadResult(requests.Count, failures, clock.Elapsed, latencies);
    }
}
