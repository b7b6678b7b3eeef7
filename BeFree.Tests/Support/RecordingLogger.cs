using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BeFree.Tests.Support;

/// <summary>One line the code under test logged, with the exception it logged.</summary>
public sealed record LoggedEntry(LogLevel Level, string Message, Exception? Exception);

/// <summary>A logger that keeps every entry, for tests of what was logged (a warning, a failure, a hidden detail).</summary>
public sealed class RecordingLogger(ConcurrentQueue<LoggedEntry>? entries = null) : ILogger
{
    public ConcurrentQueue<LoggedEntry> Entries { get; } = entries ?? new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Entries.Enqueue(new LoggedEntry(logLevel, formatter(state, exception), exception));
}

/// <summary>Records what the whole app logs, every category into one queue: add it with <c>logging.AddProvider</c>.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LoggedEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(Entries);

    public void Dispose()
    {
        // The entries outlive the app, so a test can read them after a failed start-up disposed it.
    }
}
