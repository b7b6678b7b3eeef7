using BeFree.Core.Live;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeFree.Tests.Components;

/// <summary>How every screen follows live changes (<see cref="LiveUpdates"/>), on a real feed delivering on the thread pool.</summary>
public sealed class LiveUpdatesTests : BunitContext
{
    private readonly LiveFeed<int> _feed = new("test changes", NullLogger.Instance);

    [Fact]
    public async Task An_interactive_screen_re_renders_with_each_change_and_stops_following_when_disposed()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var screen = Render<LiveProbe>(p => p.Add(x => x.Feed, _feed));

        _feed.Publish(41);
        screen.WaitForAssertion(() => Assert.Equal("41", screen.Find("output").TextContent), Patience);
        _feed.Publish(42);
        screen.WaitForAssertion(() => Assert.Equal("42", screen.Find("output").TextContent), Patience);
        Assert.Equal(1, _feed.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, _feed.SubscriberCount);
    }

    [Fact]
    public void A_prerendered_screen_follows_nothing()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        Render<LiveProbe>(p => p.Add(x => x.Feed, _feed));

        Assert.Equal(0, _feed.SubscriberCount);
    }

    /// <summary>Shows the last change it was told about.</summary>
    private sealed class LiveProbe : ComponentBase, IDisposable
    {
        [Parameter, EditorRequired] public LiveFeed<int> Feed { get; set; } = default!;

        private LiveUpdates? _live;
        private int? _last;

        protected override void OnInitialized()
        {
            _live = new LiveUpdates(RendererInfo.IsInteractive, InvokeAsync, StateHasChanged, DispatchExceptionAsync);
            _live.Follow<int>(h => Feed.Subscribe((change, _) => h(change)), change =>
            {
                _last = change;
                return Task.CompletedTask;
            });
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "output");
            builder.AddContent(1, _last?.ToString() ?? "");
            builder.CloseElement();
        }

        public void Dispose() => _live?.Dispose();
    }
}
