using System.Globalization;

namespace BeFree.Web.Localization;

/// <summary>
/// Keeps a component's work in its person's language when the work arrives from elsewhere. A circuit runs in the
/// culture of the request that opened it, but a live change is delivered on the publisher's thread, and
/// <c>InvokeAsync</c> renders in the caller's culture (dotnet/aspnetcore#28521): without this, a Spanish page
/// re-rendered by a new text would switch to English. Capture where the circuit's culture is current (while
/// initialising or subscribing); wrap each handler that another thread calls.
/// </summary>
public sealed class CircuitCulture
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CircuitCulture(CultureInfo culture, CultureInfo uiCulture)
    {
        _culture = culture;
        _uiCulture = uiCulture;
    }

    /// <summary>The culture the caller runs in now.</summary>
    public static CircuitCulture Capture() => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    /// <summary>The handler, run in the captured culture.</summary>
    public Func<T, Task> Keep<T>(Func<T, Task> handler) => change => RunAsync(() => handler(change));

    /// <summary>
    /// Runs <paramref name="work"/> in the captured culture. An async method: the culture it sets stays inside it
    /// (and what <c>InvokeAsync</c> captures), never leaking into the publisher's thread and its other subscribers.
    /// </summary>
    public async Task RunAsync(Func<Task> work)
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        await work();
    }
}
