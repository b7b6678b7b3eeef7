using BeFree.Core.Conversations;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeFree.Tests.Components;

/// <summary>
/// How every screen that changes something runs an action (<see cref="ActionRunner"/> under
/// <see cref="ActionComponentBase"/>): one at a time, Core's refusals shown as written, anything else
/// replaced by a plain message.
/// </summary>
public sealed class ActionRunnerTests : BunitContext, IAsyncLifetime
{
    /// <summary>How long a click that should be ignored may take: without the guard it would wait for the first action.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    public ActionRunnerTests()
    {
        Services.AddLogging();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public async Task A_second_click_while_the_first_action_runs_does_not_run_it_again()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var probe = Render<ActionProbe>(p => p.Add(x => x.Action, async () =>
        {
            Interlocked.Increment(ref runs);
            await release.Task;
        }));

        var first = probe.Find("[data-testid=act]").ClickAsync(new MouseEventArgs());
        Assert.False(first.IsCompleted);
        Assert.Equal("Working…", probe.Find("[data-testid=act]").TextContent);

        var second = probe.Find("[data-testid=act]").ClickAsync(new MouseEventArgs());
        Assert.Equal(1, runs);
        await second.WaitAsync(Prompt);
        Assert.Equal(1, runs);

        release.SetResult();
        await first.WaitAsync(Prompt);
        Assert.Equal(1, runs);
        Assert.Equal("Act", probe.Find("[data-testid=act]").TextContent);
        Assert.Empty(probe.FindAll("[data-testid=error]"));

        // Once it has finished, the next click is a new action.
        await probe.Find("[data-testid=act]").ClickAsync(new MouseEventArgs());
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_refusal_from_core_is_shown_as_written_and_the_next_action_may_run()
    {
        var refuse = true;
        var probe = Render<ActionProbe>(p => p.Add(x => x.Action, () => refuse
            ? throw new ConversationActionException("This conversation is closed.")
            : Task.CompletedTask));

        await probe.Find("[data-testid=act]").ClickAsync(new MouseEventArgs());
        Assert.Equal("This conversation is closed.", probe.Find("[data-testid=error]").TextContent);

        refuse = false;
        await probe.Find("[data-testid=act]").ClickAsync(new MouseEventArgs());
        Assert.Empty(probe.FindAll("[data-testid=error]"));
    }

    [Fact]
    public async Task Any_other_failure_shows_the_plain_message_not_the_exception()
    {
        var probe = Render<ActionProbe>(p => p.Add(x => x.Action,
            () => throw new InvalidOperationException("SQLite Error 5: 'database is locked'.")));

        await probe.Find("[data-testid=act]").ClickAsync(new MouseEventArgs());

        Assert.Equal(ActionRunner.UnexpectedError, probe.Find("[data-testid=error]").TextContent);
    }

    [Fact]
    public async Task The_runner_itself_ignores_a_second_run_while_busy()
    {
        var runner = new ActionRunner(NullLogger.Instance);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        async Task Action()
        {
            runs++;
            await release.Task;
        }

        var first = runner.RunAsync(Action);
        Assert.True(runner.Busy);
        var second = runner.RunAsync(Action);
        Assert.Equal(1, runs);
        Assert.False(await second.WaitAsync(Prompt));
        release.SetResult();

        Assert.True(await first.WaitAsync(Prompt));
        Assert.False(runner.Busy);
        Assert.Equal(1, runs);
    }
}
