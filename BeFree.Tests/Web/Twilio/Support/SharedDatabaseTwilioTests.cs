using BeFree.Tests.Support;

namespace BeFree.Tests.Web.Twilio.Support;

/// <summary>
/// A fake Twilio and a database of their own that outlive the app instances a test starts on them,
/// for tests where one instance stops (or dies) and the next one carries on.
/// </summary>
public abstract class SharedDatabaseTwilioTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "befree-tests", "shared-" + Guid.NewGuid().ToString("N"));

    protected FakeTwilioServer Twilio { get; private set; } = null!;

    protected TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Database = TestDatabase.Create(_folder);
        Twilio = await FakeTwilioServer.StartAsync();
    }

    /// <summary>Stops whatever app instances the test left running, before the fake and the database go.</summary>
    protected virtual Task StopAppsAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopAppsAsync();
        await Twilio.DisposeAsync();
        Database.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
