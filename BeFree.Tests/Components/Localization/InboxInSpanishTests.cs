using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Inbox;
using BeFree.Web.Components.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Components.Localization;

/// <summary>The inbox for an advocate who chose Spanish, and the language filter of its two lists.</summary>
public sealed class InboxInSpanishTests : WorkspaceComponentTests
{
    private readonly BunitAuthorizationContext _authorization;
    private CurrentStaff _staff = CurrentStaff.Nobody;
    private int _spanishMine;
    private int _englishMine;
    private int _englishQueued;

    public InboxInSpanishTests() => _authorization = AddAuthorization();

    protected override async Task ArrangeAsync()
    {
        var advocate = await Host.CreateAdvocateAsync("Ana");
        _authorization.SetAuthorized("Ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, advocate));
        _staff = new CurrentStaff(advocate, "Ana", new HashSet<string>([StaffRoles.Advocate]));
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        _englishMine = await Host.CreateConversationAsync("hello", assignedTo: advocate, queuedUtc: now.AddMinutes(-20));
        _spanishMine = await Host.CreateConversationAsync("necesito ayuda", assignedTo: advocate, queuedUtc: now.AddMinutes(-4));
        await using (var db = await Host.DbAsync())
        {
            await db.Conversations.Where(c => c.Id == _spanishMine)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Language, ConversationLanguage.Spanish));
        }
        _englishQueued = await Host.CreateConversationAsync("they took my passport", risk: RiskLevel.High);
        await Host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(_englishQueued, ConversationChangeKind.Created));
    }

    private IRenderedComponent<InboxPage> RenderInbox()
        => Render<InboxPage>(p => p.AddCascadingValue(_staff).Add(x => x.ConversationId, (int?)null));

    private static string[] MineRows(IRenderedComponent<InboxPage> page)
        => page.FindAll("[data-testid=inbox-mine] a.inbox-row").Select(a => a.GetAttribute("data-testid")!).ToArray();

    [Fact]
    public void An_advocate_who_chose_Spanish_reads_the_inbox_its_times_and_labels_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var page = RenderInbox();

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=inbox-queue-row-{_englishQueued}]")), Patience);
        page.WaitForAssertion(() => Assert.Equal(2, MineRows(page).Length), Patience);
        Assert.Equal("Mis conversaciones", page.FindAll("h2")[0].TextContent);
        Assert.Equal("Cola", page.FindAll("h2")[1].TextContent);
        Assert.Equal("hace 4 min", page.Find($"[data-testid=inbox-wait-{_spanishMine}]").TextContent);
        Assert.StartsWith("Esperando respuesta desde 20", page.Find($"[data-testid=inbox-wait-{_spanishMine}]").GetAttribute("title"));
        Assert.Equal("1 sin leer", page.Find($"[data-testid=inbox-unread-{_spanishMine}]").TextContent);
        Assert.Equal("Español", page.Find($"[data-testid=inbox-language-{_spanishMine}]").GetAttribute("title"));
        Assert.Equal("1 en espera", page.Find("[data-testid=inbox-queue-count]").TextContent);
        Assert.Equal("Reclamar", page.Find($"[data-testid=inbox-claim-{_englishQueued}]").TextContent.Trim());
        Assert.Equal("Riesgo: Alto", page.Find($"[data-testid=inbox-queue-row-{_englishQueued}] [data-testid=risk-badge]").TextContent.Trim());
        Assert.StartsWith("Elija una conversación", page.Find("[data-testid=inbox-choose]").TextContent);
        Assert.Equal("Todos", page.Find("[data-testid=inbox-language-filter-all]").TextContent.Trim());
        Assert.Equal("Inglés", page.Find("[data-testid=inbox-language-filter-english]").TextContent.Trim());
        Assert.DoesNotContain("My conversations", page.Markup);
        Assert.DoesNotContain(" ago", page.Markup);
    }

    [Fact]
    public void The_same_inbox_reads_in_English_for_an_advocate_who_kept_English()
    {
        using var english = new CultureScope("en-US");
        var page = RenderInbox();

        page.WaitForAssertion(() => Assert.Equal(2, MineRows(page).Length), Patience);
        Assert.Equal("My conversations", page.FindAll("h2")[0].TextContent);
        Assert.Equal("4 min ago", page.Find($"[data-testid=inbox-wait-{_spanishMine}]").TextContent);
        Assert.Equal("Spanish", page.Find($"[data-testid=inbox-language-{_spanishMine}]").GetAttribute("title"));
    }

    [Fact]
    public async Task The_language_filter_narrows_both_lists_to_the_texters_language()
    {
        var page = RenderInbox();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=inbox-queue-row-{_englishQueued}]")), Patience);
        page.WaitForAssertion(() => Assert.Equal(2, MineRows(page).Length), Patience);
        Assert.Equal("true", page.Find("[data-testid=inbox-language-filter-all]").GetAttribute("aria-pressed"));

        await page.Find("[data-testid=inbox-language-filter-spanish]").ClickAsync(new MouseEventArgs());

        Assert.Equal(new[] { $"inbox-row-{_spanishMine}" }, MineRows(page));
        Assert.Empty(page.FindAll($"[data-testid=inbox-queue-row-{_englishQueued}]"));
        Assert.Equal("true", page.Find("[data-testid=inbox-language-filter-spanish]").GetAttribute("aria-pressed"));
        Assert.Equal("false", page.Find("[data-testid=inbox-language-filter-all]").GetAttribute("aria-pressed"));
        // "c" claims the first texter the advocate sees: none in Spanish, so nothing is claimed.
        await page.InvokeAsync(() => page.Instance.OnShortcutKey("c", alt: false, typing: false));
        Assert.Equal("Nobody is waiting in the queue in this language.", page.Find("[data-testid=inbox-claim-result]").TextContent);
        Assert.Null((await Host.ConversationAsync(_englishQueued)).AssignedToId);

        await page.Find("[data-testid=inbox-language-filter-english]").ClickAsync(new MouseEventArgs());

        Assert.Equal(new[] { $"inbox-row-{_englishMine}" }, MineRows(page));
        Assert.NotNull(page.Find($"[data-testid=inbox-queue-row-{_englishQueued}]"));

        await page.Find("[data-testid=inbox-language-filter-all]").ClickAsync(new MouseEventArgs());

        Assert.Equal(2, MineRows(page).Length);
    }
}
