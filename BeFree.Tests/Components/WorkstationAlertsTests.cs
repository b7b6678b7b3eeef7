using BeFree.Core.Conversations;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Components;

/// <summary>The workstation's alerts in the app bar, on the real Core: counts, title, chime, notification, announcement.</summary>
public sealed class WorkstationAlertsTests : WorkspaceComponentTests
{
    private string _advocate = "";

    // Registered before the base class's set-up first resolves a service.
    public WorkstationAlertsTests()
    {
        Services.AddScoped<WorkstationAlertCounts>();
        Services.AddScoped(_ => new WorkstationPreferences(Host.Get<StaffPreferencesService>()));
    }

    protected override async Task ArrangeAsync() => _advocate = await Host.CreateAdvocateAsync("Ana");

    private async Task<IRenderedComponent<WorkstationAlerts>> RenderAlertsAsync()
    {
        var alerts = Render<WorkstationAlerts>(p => p.Add(x => x.StaffId, _advocate));
        // Live once following: the first read has set the counts, and the title with them.
        await EventuallyAsync(() => Assert.NotEmpty(JSInterop.Invocations["befree.setTitleCount"]));
        return alerts;
    }

    private int Chimes => JSInterop.Invocations["befree.chime"].Count;

    [Fact]
    public async Task What_was_already_waiting_is_counted_but_not_announced()
    {
        await Host.CreateConversationAsync("already here");

        var alerts = await RenderAlertsAsync();

        await EventuallyAsync(() => Assert.Equal("1", alerts.Find("[data-testid=alerts-badge]").GetAttribute("data-count")));
        Assert.Equal(1, JSInterop.Invocations["befree.setTitleCount"][^1].Arguments[0]);
        Assert.Equal(0, Chimes);
        Assert.Equal("", alerts.Find("[data-testid=alerts-announcement]").TextContent);
    }

    [Fact]
    public async Task A_new_conversation_in_the_queue_counts_chimes_once_and_is_announced_without_its_text()
    {
        var alerts = await RenderAlertsAsync();
        var counts = Services.GetRequiredService<WorkstationAlertCounts>();

        var arrived = await Host.CreateConversationAsync("they took my passport");
        await Host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(arrived, ConversationChangeKind.Created));

        await EventuallyAsync(() => Assert.Equal((1, 1), (counts.Waiting, Chimes)));
        Assert.Equal(1, JSInterop.Invocations["befree.setTitleCount"][^1].Arguments[0]);
        var announced = alerts.Find("[data-testid=alerts-announcement]").TextContent;
        Assert.Equal("A new conversation is waiting in the queue.", announced);
        Assert.Empty(JSInterop.Invocations["befree.notify"]); // Notifications are off until the person turns them on.
    }

    [Fact]
    public async Task A_new_text_in_one_of_my_conversations_counts_and_notifies_with_fixed_words_only()
    {
        var mine = await Host.CreateConversationAsync("first", assignedTo: _advocate);
        await Host.Get<StaffPreferencesService>().SaveAsync(_advocate, new StaffPreferences { ChimeOn = false, BrowserNotificationsOn = true });
        var alerts = await RenderAlertsAsync();
        var counts = Services.GetRequiredService<WorkstationAlertCounts>();
        await EventuallyAsync(() => Assert.Equal(1, counts.MineWithNewTexts)); // Created unread.

        await Host.TextFromTexterAsync(mine, "he locks the door at night");

        await EventuallyAsync(() => Assert.Single(JSInterop.Invocations["befree.notify"]));
        var notification = JSInterop.Invocations["befree.notify"].Single();
        Assert.Equal([WorkstationAlerts.NotificationTitle, WorkstationAlerts.NotificationBody], notification.Arguments);
        Assert.Equal($"New text in conversation {mine}.", alerts.Find("[data-testid=alerts-announcement]").TextContent);
        Assert.DoesNotContain("locks", alerts.Markup);
        Assert.Equal(0, Chimes); // The person turned the chime off.
    }

    [Fact]
    public async Task A_text_in_someone_elses_conversation_is_not_my_alert()
    {
        var colleague = await Host.CreateAdvocateAsync("Ben");
        var theirs = await Host.CreateConversationAsync("first", assignedTo: colleague);
        var alerts = await RenderAlertsAsync();
        var counts = Services.GetRequiredService<WorkstationAlertCounts>();
        var titleUpdates = JSInterop.Invocations["befree.setTitleCount"].Count;

        await Host.TextFromTexterAsync(theirs, "are you there");
        // Something of mine afterwards, so the test knows the alerts have caught up with both.
        var arrived = await Host.CreateConversationAsync("new one");
        await Host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(arrived, ConversationChangeKind.Created));

        await EventuallyAsync(() => Assert.Equal(1, counts.Waiting));
        Assert.Equal(0, counts.MineWithNewTexts);
        Assert.Equal("A new conversation is waiting in the queue.", alerts.Find("[data-testid=alerts-announcement]").TextContent);
        Assert.True(JSInterop.Invocations["befree.setTitleCount"].Count > titleUpdates);
    }

    [Fact]
    public void Announcements_say_where_never_what()
    {
        Assert.Equal("New text in conversation 7.", WorkstationAlerts.Announcement(0, [7]));
        Assert.Equal("New texts in 2 of your conversations. 3 new conversations are waiting in the queue.", WorkstationAlerts.Announcement(3, [7, 9]));
    }
}
