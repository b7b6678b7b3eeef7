using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Conversations;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Components;

/// <summary>
/// The reply box on the real ReplyService: what it refuses (an opted-out texter, nothing typed, too
/// long), that a refusal keeps what the advocate typed, and that a double click sends once.
/// </summary>
public sealed class ReplyBoxTests : WorkspaceComponentTests
{
    private const string Reply = "We are here for you. Are you safe to text now?";

    private string _advocate = null!;
    private int _conversation;

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Avery Advocate");
        _conversation = await Host.CreateConversationAsync("I need help", assignedTo: _advocate);
    }

    /// <summary>The box as the conversation page shows it: with the conversation as it is read now.</summary>
    private async Task<IRenderedComponent<ReplyBox>> RenderAsync()
    {
        var detail = await Host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation);
        return Render<ReplyBox>(p => p.Add(x => x.ActorId, _advocate).Add(x => x.Detail, detail));
    }

    private static Task TypeAsync(IRenderedComponent<ReplyBox> box, string text)
        => box.Find("[data-testid=reply-text]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = text });

    private static Task SendAsync(IRenderedComponent<ReplyBox> box) => box.Find("[data-testid=reply-send]").ClickAsync(new MouseEventArgs());

    private static string TypedText(IRenderedComponent<ReplyBox> box) => box.Find("[data-testid=reply-text]").GetAttribute("value") ?? "";

    private async Task<List<Message>> OutboundMessagesAsync()
    {
        await using var db = await Host.DbAsync();
        return await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == _conversation && m.Direction == MessageDirection.Outbound).ToListAsync();
    }

    [Fact]
    public async Task A_reply_is_sent_as_typed_and_the_box_is_cleared()
    {
        var box = await RenderAsync();

        await TypeAsync(box, Reply);
        await SendAsync(box);

        var sent = Assert.Single(Host.Outbound.Sent);
        Assert.Equal((_conversation, Reply, (string?)_advocate), (sent.ConversationId, sent.Body, sent.SentById));
        Assert.Equal(Reply, Assert.Single(await OutboundMessagesAsync()).Body);
        Assert.Equal("", TypedText(box));
        Assert.Empty(box.FindAll("[data-testid=reply-error]"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t ")]
    public async Task Nothing_typed_cannot_be_sent(string typed)
    {
        var box = await RenderAsync();
        await TypeAsync(box, "x");
        Assert.False(box.Find("[data-testid=reply-send]").HasAttribute("disabled"));

        await TypeAsync(box, typed);

        Assert.True(box.Find("[data-testid=reply-send]").HasAttribute("disabled"));
        Assert.Empty(Host.Outbound.Sent);
    }

    [Fact]
    public async Task A_reply_over_the_limit_is_refused_and_what_was_typed_stays()
    {
        var box = await RenderAsync();
        Assert.Equal(ReplyService.MaxBodyLength.ToString(), box.Find("[data-testid=reply-text]").GetAttribute("maxlength"));
        // maxlength stops typing, not a paste through the circuit: Core must refuse it too.
        var tooLong = new string('a', ReplyService.MaxBodyLength + 1);

        await TypeAsync(box, tooLong);
        await SendAsync(box);

        Assert.Equal($"A reply can be at most {ReplyService.MaxBodyLength} characters (this one has {tooLong.Length}).",
            box.Find("[data-testid=reply-error]").TextContent);
        Assert.Equal(tooLong, TypedText(box));
        Assert.Empty(Host.Outbound.Sent);
        Assert.Empty(await OutboundMessagesAsync());
    }

    [Fact]
    public async Task A_texter_who_opted_out_cannot_be_replied_to()
    {
        _conversation = await Host.CreateConversationAsync("STOP", assignedTo: _advocate, texter: t =>
        {
            t.IsOptedOut = true;
            t.OptedOutUtc = Host.Clock.GetUtcNow().UtcDateTime;
        });

        var box = await RenderAsync();

        Assert.Contains("opted out (STOP)", box.Find("[data-testid=reply-disabled-reason]").TextContent);
        Assert.Empty(box.FindAll("[data-testid=reply-text]"));
        Assert.Empty(box.FindAll("[data-testid=reply-send]"));
        Assert.Empty(box.FindAll("[data-testid=reply-send-anyway]"));
    }

    [Fact]
    public async Task A_stop_that_arrives_after_the_page_loaded_is_refused_by_core_and_what_was_typed_stays()
    {
        var box = await RenderAsync();
        await TypeAsync(box, Reply);
        // The texter sends STOP while the advocate is typing; the page has not re-read the conversation.
        await using (var db = await Host.DbAsync())
        {
            var texterId = (await Host.ConversationAsync(_conversation)).TexterId;
            await db.Texters.Where(t => t.Id == texterId).ExecuteUpdateAsync(set => set.SetProperty(t => t.IsOptedOut, true));
        }

        await SendAsync(box);

        Assert.Contains("opted out (STOP)", box.Find("[data-testid=reply-error]").TextContent);
        Assert.Equal(Reply, TypedText(box));
        Assert.Empty(Host.Outbound.Sent);
        Assert.Empty(await OutboundMessagesAsync());
        Assert.Single(await Host.AuditAsync(AuditActions.ReplyRefused));
    }

    [Fact]
    public async Task A_double_click_sends_the_reply_once()
    {
        var box = await RenderAsync();
        await TypeAsync(box, Reply);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Host.Outbound.BeforeEnqueue = () => release.Task;

        var send = box.Find("[data-testid=reply-send]");
        var first = send.ClickAsync(new MouseEventArgs());
        Assert.False(first.IsCompleted);
        // While the first send waits, the box says so and will not take another.
        Assert.True(box.Find("[data-testid=reply-send]").HasAttribute("disabled"));
        Assert.Equal("Sending…", box.Find("[data-testid=reply-send]").TextContent.Trim());
        // The stale button is the one a fast second click hits; without the guard it would wait on the first send.
        await send.ClickAsync(new MouseEventArgs()).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(Host.Outbound.Sent);

        release.SetResult();
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(Host.Outbound.Sent);
        Assert.Single(await OutboundMessagesAsync());
        Assert.Single(await Host.AuditAsync(AuditActions.ReplyQueued));
        Assert.Equal("", TypedText(box));
    }

    [Fact]
    public async Task A_leads_override_reason_warns_about_a_name_and_a_street_address_as_it_is_typed()
    {
        var lead = await Host.CreateLeadAsync("Lee Lead");
        var conversation = await Host.CreateConversationAsync("please only text me back right after I write", assignedTo: lead);
        await using (var db = await Host.DbAsync())
        {
            var texter = await db.Conversations.Where(c => c.Id == conversation).Select(c => c.Texter).SingleAsync();
            texter.DoNotTextBack = true;
            await db.SaveChangesAsync();
        }
        Host.Clock.Advance(TimeSpan.FromMinutes(11)); // past the do-not-text-back window: only a lead's override sends
        var detail = await Host.Get<ConversationService>().GetDetailAsync(lead, conversation);
        var box = Render<ReplyBox>(p => p.Add(x => x.ActorId, lead).Add(x => x.Detail, detail).Add(x => x.IsShiftLead, true));
        Assert.Empty(box.FindAll("[data-testid=reason-warnings]"));

        await box.Find("[data-testid=reply-override-reason]").InputAsync(
            new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "spoke with Maria Lopez at 1423 Elm Street, safe now" });

        var warnings = box.Find("[data-testid=reason-warnings]").TextContent;
        Assert.Contains("name", warnings, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("address", warnings, StringComparison.OrdinalIgnoreCase);
    }
}
