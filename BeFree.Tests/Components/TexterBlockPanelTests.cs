using BeFree.Core.Conversations;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Conversations;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BeFree.Tests.Components;

/// <summary>The lead's block panel and the conversation's language select, on the real Core.</summary>
public sealed class TexterBlockPanelTests : WorkspaceComponentTests
{
    private string _lead = null!;
    private string _advocate = null!;
    private int _conversation;

    protected override async Task ArrangeAsync()
    {
        _lead = await Host.CreateLeadAsync("Lena Lead");
        _advocate = await Host.CreateAdvocateAsync("Avery Advocate");
        _conversation = await Host.CreateConversationAsync("lol prank", assignedTo: _advocate);
    }

    private IRenderedComponent<TexterBlockPanel> RenderPanel(string actorId)
        => Render<TexterBlockPanel>(p => p.Add(x => x.ActorId, actorId).Add(x => x.ConversationId, _conversation));

    [Fact]
    public async Task A_lead_blocks_with_a_reason_and_unblocks()
    {
        var panel = RenderPanel(_lead);
        Assert.Equal("Block", panel.Find("[data-testid=block-toggle]").TextContent.Trim());

        await panel.Find("[data-testid=block-reason]").InputAsync(new ChangeEventArgs { Value = "Prank texts all night" });
        await panel.Find("[data-testid=block-toggle]").ClickAsync(new MouseEventArgs());

        var conversation = await Host.ConversationAsync(_conversation);
        Assert.True(conversation.Texter.IsBlocked);
        Assert.Equal(ConversationStatus.Closed, conversation.Status);
        Assert.Contains("Prank texts all night", panel.Find("[data-testid=block-status]").TextContent);
        Assert.Equal("Unblock", panel.Find("[data-testid=block-toggle]").TextContent.Trim());

        await panel.Find("[data-testid=block-reason]").InputAsync(new ChangeEventArgs { Value = "Mistake" });
        await panel.Find("[data-testid=block-toggle]").ClickAsync(new MouseEventArgs());
        Assert.False((await Host.ConversationAsync(_conversation)).Texter.IsBlocked);
    }

    [Fact]
    public void An_advocate_sees_the_refusal_and_cannot_block()
    {
        var panel = RenderPanel(_advocate);
        Assert.Contains("This needs the Shift lead role.", panel.Find("[data-testid=block-error]").TextContent);
        Assert.True(panel.Find("[data-testid=block-toggle]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_holder_changes_the_language_from_the_select()
    {
        var panel = await RenderPanelAsync<LanguagePanel>(_advocate, _conversation);

        await panel.ChooseAsync<ConversationLanguage>("conversation-language", ConversationLanguage.Spanish);

        Assert.Equal(ConversationLanguage.Spanish, (await Host.ConversationAsync(_conversation)).Language);
        Assert.Single(await Host.AuditAsync(TexterAuditActions.LanguageSet));
        Assert.Equal(ConversationLanguage.Spanish, (await Host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation)).Language);
    }

    [Fact]
    public async Task The_reply_box_offers_canned_responses_in_the_conversations_language_first()
    {
        var canned = Host.Get<CannedResponses>();
        await canned.CreateAsync(_lead, new CannedResponseInput("¿Está a salvo?", "¿Está a salvo para hablar ahora?", 100, ConversationLanguage.Spanish));
        await Host.Get<ConversationLanguageService>().SetAsync(_advocate, _conversation, ConversationLanguage.Spanish);
        var detail = await Host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation);

        var popovers = RenderPopovers();
        var box = Render<ReplyBox>(p => p.Add(x => x.ActorId, _advocate).Add(x => x.Detail, detail));

        var options = await box.OptionTextsAsync<int?>(popovers, "canned-picker");
        Assert.Equal("¿Está a salvo? (ES)", options[0]);
    }
}
