using BeFree.Core.Conversations;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Conversations;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Components.Localization;

/// <summary>
/// The reply box shows Core's refusals as Core words them: in Spanish for a Spanish-speaking advocate, both the
/// reason read with the conversation and the refusal Core raises when a reply is sent (decision 25).
/// </summary>
public sealed class CoreRefusalsInSpanishTests : WorkspaceComponentTests
{
    private string _advocate = null!;
    private int _conversation;

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Avery Advocate");
        _conversation = await Host.CreateConversationAsync("Necesito ayuda", assignedTo: _advocate);
    }

    private Task<IRenderedComponent<ReplyBox>> RenderAsync() => RenderPanelAsync<ReplyBox>(_advocate, _conversation);

    private async Task SetTexterAsync(Action<Texter> change)
    {
        await using var db = await Host.DbAsync();
        var texterId = (await Host.ConversationAsync(_conversation)).TexterId;
        var texter = await db.Texters.SingleAsync(t => t.Id == texterId);
        change(texter);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Do_not_text_back_reads_in_Spanish_in_the_reply_box()
    {
        await SetTexterAsync(t => t.DoNotTextBack = true);
        Host.Clock.Advance(TimeSpan.FromMinutes(11));
        using var spanish = new CultureScope("es-US");

        var box = await RenderAsync();

        Assert.Contains("La persona pidió que no le devuelvan mensajes", box.Markup);
        Assert.DoesNotContain("asked not to be texted back", box.Markup);
    }

    [Fact]
    public async Task A_stop_that_arrives_while_typing_is_refused_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var box = await RenderAsync();
        await box.Find("[data-testid=reply-text]").InputAsync(new ChangeEventArgs { Value = "¿Está a salvo?" });
        await SetTexterAsync(t => t.IsOptedOut = true);

        await box.Find("[data-testid=reply-send]").ClickAsync(new MouseEventArgs());

        Assert.Equal("La persona se dio de baja (STOP). No se puede enviar nada hasta que envíe START; nadie puede anular esto.",
            box.Find("[data-testid=reply-error]").TextContent.Trim());
        Assert.Empty(Host.Outbound.Sent);
    }
}
