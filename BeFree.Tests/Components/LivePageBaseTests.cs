using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace BeFree.Tests.Components;

/// <summary>The base of every live page: follows only when interactive, coalesces reloads, reports failures, lets go.</summary>
public sealed class LivePageBaseTests : BunitContext
{
    private readonly ProbeFeed _feed = new();

    [Fact]
    public void A_prerendered_page_loads_once_and_follows_nothing()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var page = Render<ProbePage>(p => p.Add(x => x.Feed, _feed));

        Assert.Equal(0, _feed.Subscribers);
        Assert.Equal(1, page.Instance.Loads);
        Assert.Equal("1", page.Find("output").TextContent);
    }

    [Fact]
    public async Task An_interactive_page_follows_after_its_first_render_reloads_on_a_change_and_lets_go_when_disposed()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<ProbePage>(p => p.Add(x => x.Feed, _feed));

        // The first load, then one reload once subscribed, so a change between the two is not missed.
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("output").TextContent), Patience);
        Assert.Equal(1, _feed.Subscribers);

        await _feed.PublishAsync();
        page.WaitForAssertion(() => Assert.Equal("3", page.Find("output").TextContent), Patience);

        await DisposeComponentsAsync();
        Assert.Equal(0, _feed.Subscribers);
    }

    [Fact]
    public async Task Changes_arriving_during_a_reload_lead_to_exactly_one_more()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = Render<ProbePage>(p => p.Add(x => x.Feed, _feed).Add(x => x.ReloadGate, gate.Task));
        page.WaitForAssertion(() => Assert.Equal(2, page.Instance.Loads), Patience); // The reload after subscribing, held at the gate.

        var requests = Enumerable.Range(0, 5).Select(_ => _feed.PublishAsync()).ToList();
        await Task.WhenAll(requests); // Each request returns once it has marked "one more".
        Assert.Equal(2, page.Instance.Loads);
        gate.SetResult();

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("output").TextContent), Patience);
        await page.InvokeAsync(() => { }); // Anything still queued on the dispatcher has run.
        Assert.Equal(3, page.Instance.Loads);
        Assert.Equal(2, page.Instance.ReloadCount);
    }

    [Fact]
    public async Task A_failing_reload_goes_to_the_circuit()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<ProbePage>(p => p.Add(x => x.Feed, _feed));
        page.WaitForAssertion(() => Assert.Equal(2, page.Instance.Loads), Patience);

        page.Instance.FailNext = true;
        await _feed.PublishAsync();

        var error = await Renderer.UnhandledException.WaitAsync(Patience);
        Assert.Equal("reload failed", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public async Task A_change_delivered_after_disposal_loads_nothing()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<ProbePage>(p => p.Add(x => x.Feed, _feed));
        page.WaitForAssertion(() => Assert.Equal(2, page.Instance.Loads), Patience);
        var handler = _feed.Handlers.Single();
        var instance = page.Instance;

        await DisposeComponentsAsync();
        await handler(); // A delivery that was already on its way when the page closed.

        Assert.Equal(2, instance.Loads);
    }

    /// <summary>A feed the test publishes to by hand; handlers are called off the page's dispatcher, as real feeds do.</summary>
    public sealed class ProbeFeed
    {
        public List<Func<Task>> Handlers { get; } = [];

        public int Subscribers
        {
            get { lock (Handlers) { return Handlers.Count; } }
        }

        public IDisposable Subscribe(Func<Task> handler)
        {
            lock (Handlers) { Handlers.Add(handler); }
            return new Unsubscriber(() => { lock (Handlers) { Handlers.Remove(handler); } });
        }

        public Task PublishAsync()
        {
            Func<Task>[] handlers;
            lock (Handlers) { handlers = [.. Handlers]; }
            return Task.Run(() => Task.WhenAll(handlers.Select(h => h())));
        }

        private sealed class Unsubscriber(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }

    public sealed class ProbePage : LivePageBase
    {
        [Parameter] public ProbeFeed Feed { get; set; } = null!;
        [Parameter] public Task? ReloadGate { get; set; }

        public int Loads { get; private set; }
        public bool FailNext { get; set; }

        protected override void Subscribe() => Follow(Feed.Subscribe);

        protected override async Task LoadAsync()
        {
            Loads++;
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("reload failed");
            }
            if (Loads > 1 && ReloadGate is { } gate)
            {
                await gate;
            }
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "output");
            builder.AddContent(1, Loads);
            builder.CloseElement();
        }
    }
}
