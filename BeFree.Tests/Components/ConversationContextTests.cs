using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Conversations;
using BeFree.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Components;

/// <summary>
/// The conversation's context sections, as the inbox's right-hand pane and the conversation page show them: every
/// section is there with a title that says what it holds, blocking only for leads, and notes dated by HotlineTime.
/// </summary>
public sealed class ConversationContextTests : WorkspaceComponentTests
{
    private static readonly string[] Sections = ["actions", "risk", "safety", "notes", "escalation", "history", "referral", "language"];

    private string _advocate = null!;
    private int _conversation;

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Ana");
        _conversation = await Host.CreateConversationAsync("they took my passport", assignedTo: _advocate);
    }

    private async Task<IRenderedComponent<ConversationContext>> RenderAsync(string staffId, params string[] roles)
    {
        var detail = await Host.Get<ConversationService>().GetDetailAsync(staffId, _conversation);
        var staff = new CurrentStaff(staffId, "Someone", new HashSet<string>(roles));
        return Render<ConversationContext>(p => p.AddCascadingValue(staff).Add(x => x.Detail, detail).Add(x => x.Escalations, []));
    }

    [Fact]
    public async Task The_holder_sees_every_section_and_no_blocking()
    {
        var context = await RenderAsync(_advocate, StaffRoles.Advocate);

        foreach (var section in Sections)
        {
            Assert.NotNull(context.Find($"[data-testid=context-section-{section}]"));
        }
        Assert.Contains("Internal notes (0)", context.Find("[data-testid=context-section-notes]").TextContent);
        Assert.Contains("Earlier conversations (0)", context.Find("[data-testid=context-section-history]").TextContent);
        // Open by default: what the holder acts on first.
        Assert.NotNull(context.Find("[data-testid=release]"));
        Assert.NotNull(context.Find("[data-testid=risk-set]"));
        Assert.Empty(context.FindAll("[data-testid=block-panel]"));
    }

    [Fact]
    public async Task A_lead_also_gets_blocking()
    {
        var lead = await Host.CreateLeadAsync("Lee Lead");

        var context = await RenderAsync(lead, StaffRoles.ShiftLead, StaffRoles.Advocate);

        var section = context.Find("[data-testid=context-section-language]");
        Assert.Contains("Language and blocking", section.TextContent);
        // Collapsed at first; opening it shows the lead's block panel.
        await section.QuerySelector(".mud-expand-panel-header")!.ClickAsync(new MouseEventArgs());
        context.WaitForAssertion(() => Assert.NotNull(context.Find("[data-testid=block-panel]")), Patience);
    }

    [Fact]
    public async Task The_risk_title_names_the_lexicons_suggestion()
    {
        await using (var db = await Host.DbAsync())
        {
            await db.Conversations.Where(c => c.Id == _conversation).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.SuggestedRisk, RiskLevel.High).SetProperty(c => c.SuggestedRiskReason, "passport"));
        }

        var context = await RenderAsync(_advocate, StaffRoles.Advocate);

        Assert.Contains("suggested High", context.Find("[data-testid=context-section-risk]").TextContent);
        Assert.Contains("passport", context.Find("[data-testid=risk-suggestion]").TextContent);
    }

    [Fact]
    public async Task A_note_is_added_and_dated_in_the_hotlines_time()
    {
        var notes = await RenderPanelAsync<NotesPanel>(_advocate, _conversation);

        await notes.Find("[data-testid=note-text]").InputAsync(new ChangeEventArgs { Value = "Prefers texts after 9pm" });
        await notes.Find("[data-testid=note-add]").ClickAsync(new MouseEventArgs());
        var reread = await Host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation);
        notes.Render(p => p.Add(x => x.Detail, reread));

        var note = Assert.Single(reread.Notes);
        var time = notes.Find($"[data-testid=note-{note.Id}] time");
        Assert.Equal("just now", time.TextContent);
        Assert.Equal(Host.Get<HotlineTime>().Format(note.CreatedUtc), time.GetAttribute("title"));
        Assert.Contains("Prefers texts after 9pm", notes.Find($"[data-testid=note-{note.Id}]").TextContent);
    }
}
