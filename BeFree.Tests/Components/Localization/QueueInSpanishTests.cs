using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Staff;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Queue;
using BeFree.Web.Components.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Components.Localization;

/// <summary>The queue page in Spanish, and its language filter.</summary>
public sealed class QueueInSpanishTests : WorkspaceComponentTests
{
    private readonly BunitAuthorizationContext _authorization;
    private CurrentStaff _staff = CurrentStaff.Nobody;
    private int _english;

    public QueueInSpanishTests() => _authorization = AddAuthorization();

    protected override async Task ArrangeAsync()
    {
        var advocate = await Host.CreateAdvocateAsync("Ana");
        _authorization.SetAuthorized("Ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, advocate));
        _staff = new CurrentStaff(advocate, "Ana", new HashSet<string>([StaffRoles.Advocate]));
        _english = await Host.CreateConversationAsync("someone took my passport");
        await Host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(_english, ConversationChangeKind.Created));
    }

    private IRenderedComponent<QueuePage> RenderQueue() => Render<QueuePage>(p => p.AddCascadingValue(_staff));

    [Fact]
    public async Task The_queue_in_Spanish_filtered_to_Spanish_texters_shows_who_waits_in_Spanish()
    {
        using var spanish = new CultureScope("es-US");
        var page = RenderQueue();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=queue-row-{_english}]")), Patience);
        Assert.Equal("Cola", page.Find("h1").TextContent);
        Assert.Equal("1 en espera", page.Find("[data-testid=queue-count]").TextContent);
        Assert.Equal(["Número", "Primer mensaje", "En espera", "Marcas", "Acción"], page.FindAll("thead th").Select(th => th.TextContent));
        Assert.Equal("Reclamar", page.Find($"[data-testid=claim-{_english}]").TextContent.Trim());

        await page.Find("[data-testid=queue-language-filter-spanish]").ClickAsync(new MouseEventArgs());

        Assert.Empty(page.FindAll($"[data-testid=queue-row-{_english}]"));
        Assert.Equal("No hay nadie en espera en este idioma.", page.Find("[data-testid=queue-empty-language]").TextContent);
        Assert.Equal("1 en espera", page.Find("[data-testid=queue-count]").TextContent); // Everyone waiting, whatever is shown.

        var spanishText = await Host.CreateConversationAsync("me quitaron el pasaporte");
        await using (var db = await Host.DbAsync())
        {
            await db.Conversations.Where(c => c.Id == spanishText)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Language, ConversationLanguage.Spanish));
        }
        await Host.Get<ConversationNotifier>().PublishAsync(new ConversationChange(spanishText, ConversationChangeKind.Created));

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=queue-row-{spanishText}]")), Patience);
        Assert.Empty(page.FindAll($"[data-testid=queue-row-{_english}]"));
        Assert.Equal("ES", page.Find($"[data-testid=language-{spanishText}]").TextContent);
        Assert.Equal("Español", page.Find($"[data-testid=language-{spanishText}]").GetAttribute("title"));
        Assert.Equal("2 en espera", page.Find("[data-testid=queue-count]").TextContent);
    }
}
