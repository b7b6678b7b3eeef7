using BeFree.Web.Localization;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// The one way a component follows live changes (conversation changes, lead alerts, staff notices,
/// presence). Create it in <c>OnInitialized</c> with the component's own members:
/// <code>_live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);</code>
/// then <c>_live.Follow(h => Notifier.Subscribe(h), ReloadAsync)</c>, and dispose it with the component.
/// <list type="bullet">
/// <item>Subscribes only on the interactive circuit: a prerender has no one to tell and never disposes late.</item>
/// <item>Each update runs on the component's dispatcher (<c>InvokeAsync</c>), one at a time across all the
/// component's subscriptions (so an older read never lands after a newer one), then the component re-renders.</item>
/// <item>Each update renders in the culture that was current when this was created (the circuit's, the person's
/// language), not the publisher's (<see cref="CircuitCulture"/>).</item>
/// <item>A failing update goes to the circuit (<c>DispatchExceptionAsync</c>), as an event handler's would.</item>
/// <item>Disposal unsubscribes everything; an update already on its way is skipped.</item>
/// </list>
/// The feeds already coalesce (a screen that re-reads gets one more call for any number of changes during a
/// re-read), so components need no coalescing of their own.
/// </summary>
public sealed class LiveUpdates(bool isInteractive, Func<Func<Task>, Task> invokeAsync, Action stateHasChanged,
    Func<Exception, Task> dispatchExceptionAsync) : IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly CircuitCulture _culture = CircuitCulture.Capture();
    private volatile bool _disposed;

    /// <summary>Whether this component is following anything (false while prerendering).</summary>
    public bool IsFollowing => _subscriptions.Count > 0;

    /// <summary>Follows a feed whose handler takes no argument: <paramref name="update"/> re-reads what the component shows.</summary>
    public void Follow(Func<Func<Task>, IDisposable> subscribe, Func<Task> update)
    {
        if (isInteractive && !_disposed)
        {
            _subscriptions.Add(subscribe(() => DeliverAsync(update)));
        }
    }

    /// <summary>Follows a feed whose handler takes the change.</summary>
    public void Follow<T>(Func<Func<T, Task>, IDisposable> subscribe, Func<T, Task> update)
    {
        if (isInteractive && !_disposed)
        {
            _subscriptions.Add(subscribe(change => DeliverAsync(() => update(change))));
        }
    }

    /// <summary>Stops following everything (a page whose route parameter changed follows the new one next).</summary>
    public void StopAll()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _subscriptions.Clear();
    }

    private async Task DeliverAsync(Func<Task> update)
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            await _culture.RunAsync(() => invokeAsync(() => RunAsync(update)));
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            // The circuit closed while this update was on its way: nobody is left to show it to.
        }
    }

    private async Task RunAsync(Func<Task> update)
    {
        await _oneAtATime.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }
            await update();
            stateHasChanged();
        }
        catch (Exception ex)
        {
            await dispatchExceptionAsync(ex);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        StopAll();
    }
}
