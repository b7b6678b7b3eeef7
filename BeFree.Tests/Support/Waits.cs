namespace BeFree.Tests.Support;

/// <summary>
/// How tests wait for what the code does on its own (a live update, a render, a background write): re-checked until it
/// holds, failing after <see cref="Patience"/>. Imported everywhere (the project's static using).
/// </summary>
internal static class Waits
{
    /// <summary>Long enough for a loaded two-core CI machine; a passing test waits only as long as the code takes.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Re-checks <paramref name="condition"/> until it is true, for state that changes with no event to await.</summary>
    public static async Task PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Retries <paramref name="assertion"/> until it passes, then fails with its own message once time is up: for what
    /// bUnit's WaitForAssertion (re-checked on renders) cannot wait on, such as a JS call after the last render.
    /// </summary>
    public static async Task EventuallyAsync(Action assertion)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
