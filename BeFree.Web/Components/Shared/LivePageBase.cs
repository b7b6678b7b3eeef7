using BeFree.Web.Localization;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// The one way a page follows live changes. A page reads what it shows in <see cref="LoadAsync"/> and names its
/// feeds in <see cref="Subscribe"/>; the base does the rest:
/// <list type="bullet">
/// <item>The first load runs in <c>OnInitializedAsync</c> (so a prerender shows content), after <see cref="BeforeFirstLoadAsync"/>.</item>
/// <item>Feeds are followed only once the page is interactive (<c>OnAfterRenderAsync(firstRender)</c>): a prerender
/// has nobody to tell and is never disposed late. A reload follows the subscription, so a change in between is not missed.</item>
/// <item>Reloads coalesce: one requested while another runs leads to exactly one more, however many arrive.</item>
/// <item>Each reload runs on the page's dispatcher (<c>InvokeAsync</c>) and re-renders; a failure goes to the circuit
/// (<c>DispatchExceptionAsync</c>), as an event handler's would.</item>
/// <item>Disposal ends every subscription; a reload still on its way is skipped.</item>
/// <item>Reloads run in the person's language: a change arrives on the publisher's thread, and <c>InvokeAsync</c>
/// would render in that thread's culture (<see cref="CircuitCulture"/>). Timers use <see cref="InvokeInCultureAsync"/>.</item>
/// </list>
/// Small components that follow one feed without reloading a page keep using <see cref="LiveUpdates"/>.
/// </summary>
public abstract class LivePageBase : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private bool _reloading;
    private bool _again;
    private bool _followed;
    private Task? _firstLoad;
    private CircuitCulture? _culture;

    /// <summary>True once disposed: late deliveries are dropped.</summary>
    protected bool IsDisposed { get; private set; }

    /// <summary>Following its feeds: the page is interactive and live (browser tests wait for <c>data-live</c>).</summary>
    protected bool IsFollowing => _followed && !IsDisposed;

    /// <summary>How many reloads ran after the first load (for tests and diagnostics).</summary>
    public int ReloadCount { get; private set; }

    /// <summary>Reads what the page shows. Runs on the page's dispatcher, never twice at once.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Names the feeds to follow, with <see cref="Follow"/>; called once, when the page is interactive.</summary>
    protected virtual void Subscribe()
    {
    }

    /// <summary>Whether to follow feeds at all (e.g. false once Core refused this person the page).</summary>
    protected virtual bool ShouldFollow => true;

    /// <summary>Set-up the first load needs (e.g. the person's preferences); pages override this, not <c>OnInitializedAsync</c>.</summary>
    protected virtual Task BeforeFirstLoadAsync() => Task.CompletedTask;

    protected sealed override Task OnInitializedAsync() => _firstLoad = FirstLoadAsync();

    private async Task FirstLoadAsync()
    {
        _culture = CircuitCulture.Capture(); // The circuit's (the person's) culture is current while initialising.
        await BeforeFirstLoadAsync();
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && !_followed && !IsDisposed)
        {
            // The first render can come while the first load still awaits: a reload must not run beside it.
            if (_firstLoad is { IsCompleted: false } firstLoad)
            {
                try
                {
                    await firstLoad;
                }
                catch
                {
                    return; // Already reported by OnInitializedAsync; a page that failed to load follows nothing.
                }
            }
            if (IsDisposed || !ShouldFollow)
            {
                return;
            }
            _followed = true;
            Subscribe();
            await RequestReloadAsync();
        }
    }

    /// <summary>Follows a feed whose handler takes no argument: every change asks for a reload.</summary>
    protected void Follow(Func<Func<Task>, IDisposable> subscribe)
    {
        if (!IsDisposed)
        {
            _subscriptions.Add(subscribe(RequestReloadAsync));
        }
    }

    /// <summary>Follows a feed whose handler takes the change; the page reloads whatever the change says.</summary>
    protected void Follow<T>(Func<Func<T, Task>, IDisposable> subscribe)
    {
        if (!IsDisposed)
        {
            _subscriptions.Add(subscribe(_ => RequestReloadAsync()));
        }
    }

    /// <summary>Stops following everything (a page that lost access, or whose route parameter changed).</summary>
    protected void StopFollowing()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _subscriptions.Clear();
    }

    /// <summary>Asks for a reload from any thread; coalesced with one already running.</summary>
    protected Task RequestReloadAsync()
    {
        if (IsDisposed)
        {
            return Task.CompletedTask;
        }
        return DeliverAsync();
    }

    private async Task DeliverAsync()
    {
        try
        {
            await InvokeInCultureAsync(ReloadAsync);
        }
        catch (ObjectDisposedException) when (IsDisposed)
        {
            // The circuit closed while this reload was on its way: nobody is left to show it to.
        }
    }

    /// <summary><c>InvokeAsync</c> from another thread (a timer, an event), run in the person's language.</summary>
    protected Task InvokeInCultureAsync(Func<Task> work)
        => _culture is { } culture ? culture.RunAsync(() => InvokeAsync(work)) : InvokeAsync(work);

    /// <inheritdoc cref="InvokeInCultureAsync(Func{Task})"/>
    protected Task InvokeInCultureAsync(Action work)
        => _culture is { } culture ? culture.RunAsync(() => InvokeAsync(work)) : InvokeAsync(work);

    // On the dispatcher, so the flags need no lock: a request arriving while LoadAsync awaits only marks one more.
    private async Task ReloadAsync()
    {
        if (_reloading)
        {
            _again = true;
            return;
        }
        _reloading = true;
        try
        {
            do
            {
                _again = false;
                if (IsDisposed)
                {
                    return;
                }
                ReloadCount++;
                await LoadAsync();
                StateHasChanged();
            }
            while (_again);
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
        finally
        {
            _reloading = false;
        }
    }

    public void Dispose()
    {
        IsDisposed = true;
        StopFollowing();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>For a page's own timers and handlers.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
