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
    private Task<IRenderedComponent<ReplyBox>> RenderAsync() => RenderPanelAsync<ReplyBox>(_advocate, _conversation);

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
    public async Task A_reply_over_the_limit_is_never_cut_the_count_is_shown_and_it_cannot_be_sent()
    {
        var box = await RenderAsync();
        // No maxlength at the limit: the browser would cut a paste silently.
        var maxLength = box.Find("[data-testid=reply-text]").GetAttribute("maxlength");
        Assert.True(maxLength is null || int.Parse(maxLength) > 10 * ReplyService.MaxBodyLength);
        var tooLong = new string('a', ReplyService.MaxBodyLength + 40);

        await TypeAsync(box, tooLong);

        var warning = box.Find("[data-testid=reply-over-limit]").TextContent;
        Assert.Contains("1,640 characters", warning);
        Assert.Contains("limit is 1,600", warning);
        Assert.Contains("Shorten it by 40", warning);
        Assert.True(box.Find("[data-testid=reply-send]").HasAttribute("disabled"));
        Assert.Equal(tooLong, TypedText(box));

        await TypeAsync(box, tooLong[..ReplyService.MaxBodyLength]);
        Assert.Empty(box.FindAll("[data-testid=reply-over-limit]"));
        Assert.False(box.Find("[data-testid=reply-send]").HasAttribute("disabled"));
        Assert.Empty(Host.Outbound.Sent);
    }

    [Fact]
    public async Task A_draft_is_saved_after_a_pause_and_comes_back_when_the_conversation_is_opened_again()
    {
        var box = await RenderAsync();
        await TypeAsync(box, "Are you safe to");
        Assert.Empty(box.FindAll("[data-testid=draft-saved]"));

        Host.Clock.Advance(ReplyBox.DraftSavePause);

        box.WaitForAssertion(() => Assert.Single(box.FindAll("[data-testid=draft-saved]")), Patience);
        Assert.Equal("Are you safe to", await Host.Get<ReplyDraftService>().GetAsync(_advocate, _conversation));
        // A refresh, a new circuit or a restarted server: a new box reads it back.
        var reopened = await RenderAsync();
        Assert.Equal("Are you safe to", TypedText(reopened));
    }

    [Fact]
    public async Task Switching_conversation_keeps_each_draft_and_sending_clears_it()
    {
        var other = await Host.CreateConversationAsync("another texter", assignedTo: _advocate);
        var conversations = Host.Get<ConversationService>();
        var otherDetail = await conversations.GetDetailAsync(_advocate, other);
        var firstDetail = await conversations.GetDetailAsync(_advocate, _conversation);
        var box = await RenderAsync();
        await TypeAsync(box, "First draft");

        // The page hands the box another conversation before the pause ran out.
        box.Render(p => p.Add(x => x.Detail, otherDetail));
        box.WaitForAssertion(() => Assert.Equal("", TypedText(box)), Patience);
        await TypeAsync(box, Reply);
        await SendAsync(box);
        Assert.Equal(Reply, Assert.Single(Host.Outbound.Sent).Body);
        Assert.Null(await Host.Get<ReplyDraftService>().GetAsync(_advocate, other));

        box.Render(p => p.Add(x => x.Detail, firstDetail));
        box.WaitForAssertion(() => Assert.Equal("First draft", TypedText(box)), Patience);
        Assert.Equal("First draft", await Host.Get<ReplyDraftService>().GetAsync(_advocate, _conversation));
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
        await send.ClickAsync(new MouseEventArgs()).WaitAsync(Patience);
        Assert.Empty(Host.Outbound.Sent);

        release.SetResult();
        await first.WaitAsync(Patience);

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

    /// <summary>The titles the open canned picker lists (it stays open while the list changes live).</summary>
    private static List<string> CannedTitles(IRenderedComponent<MudBlazor.MudPopoverProvider> popovers) => popovers.OpenOptionTexts();

    private static Task OpenCannedPickerAsync(IRenderedComponent<ReplyBox> box) => box.OpenAsync<int?>("canned-picker");

    [Fact]
    public async Task The_canned_list_follows_new_changed_and_deactivated_responses_without_a_reload()
    {
        var lead = await Host.CreateLeadAsync("Lee Lead");
        var canned = Host.Get<CannedResponses>();
        var popovers = RenderPopovers();
        var box = await RenderAsync();
        var starters = CannedResponseSeed.Starters().Select(s => s.Title).ToList();
        await OpenCannedPickerAsync(box);
        Assert.Equal(starters, CannedTitles(popovers));

        var id = await canned.CreateAsync(lead, new CannedResponseInput("Shelter tonight", "We can help you find a safe place to stay tonight.", 99));
        popovers.WaitForAssertion(() => Assert.Equal([.. starters, "Shelter tonight"], CannedTitles(popovers)), Patience);

        await canned.UpdateAsync(lead, id, new CannedResponseInput("Somewhere safe", "We can help you find somewhere safe tonight.", 99));
        popovers.WaitForAssertion(() => Assert.Equal([.. starters, "Somewhere safe"], CannedTitles(popovers)), Patience);
        await box.ChooseAsync<int?>("canned-picker", id);
        Assert.Equal("We can help you find somewhere safe tonight.", TypedText(box));

        // Choosing one puts a fresh picker in place; open it again to read the list.
        await OpenCannedPickerAsync(box);
        await canned.SetActiveAsync(lead, id, false);
        popovers.WaitForAssertion(() => Assert.Equal(starters, CannedTitles(popovers)), Patience);
    }

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public async Task The_box_tells_the_browser_whether_Enter_sends(bool enterSends, string expected)
    {
        var detail = await Host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation);
        var box = Render<ReplyBox>(p => p.Add(x => x.ActorId, _advocate).Add(x => x.Detail, detail).Add(x => x.EnterSends, enterSends));

        Assert.Equal(expected, box.Find("[data-testid=reply-text]").GetAttribute("data-enter-sends"));
    }

    [Fact]
    public async Task A_slash_at_the_start_filters_the_canned_responses_and_picking_one_replaces_the_filter()
    {
        var box = await RenderAsync();
        Assert.Empty(box.FindAll("[data-testid=canned-slash-picker]"));

        await TypeAsync(box, "/safe");
        var safetyCheck = CannedResponseSeed.Starters().Single(s => s.Title == "Safety check");
        var options = box.FindAll("[data-testid=canned-slash-picker] button");
        Assert.Contains(options, o => o.TextContent == "Safety check");
        Assert.DoesNotContain(options, o => o.TextContent == "Greeting");

        await box.FindAll("[data-testid=canned-slash-picker] button").First(o => o.TextContent == "Safety check").ClickAsync(new MouseEventArgs());
        Assert.Equal(safetyCheck.Body, TypedText(box));
        Assert.Empty(box.FindAll("[data-testid=canned-slash-picker]"));
    }
}
