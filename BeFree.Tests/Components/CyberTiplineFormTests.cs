using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Escalations;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Components;

/// <summary>The CyberTipline part of the escalation form: shown for the CyberTipline, saved with the draft, required to submit.</summary>
public sealed class CyberTiplineFormTests : WorkspaceComponentTests
{
    private string _advocate = null!;
    private int _conversation;
    private int _tipline;

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Avery");
        _conversation = await Host.CreateConversationAsync("my sister is 15 and a man online wants to meet her", assignedTo: _advocate);
        await using var db = await Host.DbAsync();
        _tipline = await db.LawEnforcementContacts.Where(c => c.SeedKey == LawEnforcementDirectorySeed.CyberTiplineKey).Select(c => c.Id).SingleAsync();
    }

    private static ChangeEventArgs Value(object value) => new() { Value = value };

    [Fact]
    public async Task Choosing_the_cybertipline_asks_for_the_category_and_incident_facts_and_saves_them()
    {
        var detail = await Host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation);
        var saved = new List<EscalationSaved>();
        var popovers = RenderPopovers();
        var form = Render<EscalationDraftForm>(p => p.Add(x => x.ActorId, _advocate).Add(x => x.Conversation, detail)
            .Add(x => x.OnSaved, (EscalationSaved s) => saved.Add(s)));
        Assert.Empty(form.FindAll("[data-testid=escalation-category]"));

        var choose = form.WaitForElement($"[data-testid=escalation-contact-{_tipline}]", Patience);
        await choose.ClickAsync(new MouseEventArgs());
        Assert.Contains("Required for the CyberTipline", form.Find("[data-testid=escalation-cybertipline]").TextContent);
        Assert.Equal(8, (await form.OptionTextsAsync<CyberTiplineCategory?>(popovers, "escalation-category")).Count);

        await form.Find("[data-testid=escalation-summary]").InputAsync(Value("A man online asks a 15-year-old to meet."));
        await form.Find("[data-testid=escalation-minor]").ChangeAsync(Value(true));
        await form.ChooseAsync<CyberTiplineCategory?>("escalation-category", CyberTiplineCategory.OnlineEnticement);
        await form.Find("[data-testid=escalation-incident-time]").ChangeAsync(Value("2026-07-14T20:30"));
        await form.Find("[data-testid=escalation-online-identifiers]").InputAsync(Value("jay_1996"));
        await form.Find("[data-testid=save-draft]").ClickAsync(new MouseEventArgs());

        form.WaitForAssertion(() => Assert.Single(saved), Patience);
        var view = await Host.Get<EscalationService>().GetAsync(_advocate, saved[0].EscalationId);
        Assert.True(view.IsCyberTipline);
        Assert.Equal(new CyberTiplineFacts(true, CyberTiplineCategory.OnlineEnticement, new DateTime(2026, 7, 14, 20, 30, 0, DateTimeKind.Utc), null, null, "jay_1996"),
            view.CyberTipline);
    }
}
